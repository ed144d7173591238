/** A query to the knowledge retriever injected through the run context. */
export interface RetrievalQuery {
  knowledgeBaseIds: string[];
  query: string;
  topK: number;
  /** Hits scoring below are dropped. */
  scoreThreshold?: number;
  mode: 'vector' | 'keyword' | 'hybrid';
  filters?: { documentIds?: string[]; tags?: string[] };
  signal?: AbortSignal;
}

export interface RetrievalHit {
  content: string;
  /** Higher is better, 0..1 for the built-in modes. */
  score: number;
  source: {
    knowledgeBaseId: string;
    documentId: string;
    documentName: string;
    segmentId: string;
  };
  metadata?: Record<string, unknown>;
}

/** Finds passages in knowledge bases (implemented by packages/knowledge). */
export interface Retriever {
  retrieve(query: RetrievalQuery): Promise<RetrievalHit[]>;
}
