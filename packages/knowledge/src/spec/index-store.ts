/** One embedded, searchable segment, as the indexes store it. */
export interface IndexedSegment {
  segmentId: string;
  knowledgeBaseId: string;
  documentId: string;
  documentName: string;
  /** The matched text (a general chunk or a child). */
  content: string;
  /** In parent-child mode, the parent's text, returned as the hit's content. */
  parentContent?: string;
  tags: string[];
  metadata?: Record<string, unknown>;
}

export interface IndexFilter {
  knowledgeBaseIds: string[];
  documentIds?: string[];
  /** A segment matches when its document has ANY of these tags. */
  tags?: string[];
}

export interface ScoredSegment {
  segment: IndexedSegment;
  /** Higher is better; vector stores return cosine similarity in 0..1 (1 = same direction). */
  score: number;
}

/**
 * A vector index. Implementations: pgvector (PGlite embedded, PostgreSQL with the extension) and Qdrant.
 * The same contract test suite runs against each.
 */
export interface VectorStore {
  readonly kind: 'pgvector' | 'qdrant';
  /** Creates what the store needs for vectors of `dimensions` (idempotent). */
  ensureCollection(knowledgeBaseId: string, dimensions: number): Promise<void>;
  upsert(items: { segment: IndexedSegment; vector: number[] }[]): Promise<void>;
  deleteByDocument(knowledgeBaseId: string, documentId: string): Promise<void>;
  deleteByKnowledgeBase(knowledgeBaseId: string): Promise<void>;
  search(vector: number[], filter: IndexFilter, topK: number): Promise<ScoredSegment[]>;
  close(): Promise<void>;
}

/** Keyword (BM25-style) search that handles English and Chinese text. */
export interface KeywordIndex {
  add(segments: IndexedSegment[]): Promise<void>;
  deleteByDocument(knowledgeBaseId: string, documentId: string): Promise<void>;
  deleteByKnowledgeBase(knowledgeBaseId: string): Promise<void>;
  /** Scores are normalised to 0..1 within the result (best hit = 1). */
  search(query: string, filter: IndexFilter, topK: number): Promise<ScoredSegment[]>;
}

/** Minimal SQL access (satisfied by `pg.Pool`, `pg.Client` and PGlite), so this package never imports a DB client. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}
