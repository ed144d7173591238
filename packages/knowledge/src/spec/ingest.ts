import type { Chunk, ChunkSettings } from './chunk';

export const documentStatuses = ['queued', 'parsing', 'chunking', 'embedding', 'indexing', 'completed', 'error'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/** Progress of one document's ingestion, as the UI shows it. */
export interface IngestProgress {
  documentId: string;
  knowledgeBaseId: string;
  status: DocumentStatus;
  /** 0–100. */
  progress: number;
  error?: { code: string; message: string };
}

/** What an ingestion job needs to know. The bytes come from `loadSource`, not through the queue. */
export interface IngestJob {
  knowledgeBaseId: string;
  documentId: string;
  documentName: string;
  /** Lower-case extension without the dot, or `text` for pasted text. */
  kind: string;
  tags: string[];
  chunkSettings: ChunkSettings;
  /** `provider:model` of the knowledge base's embedding model. */
  embeddingModel: string;
}

/**
 * Persistence the pipeline writes through (implemented by apps/api with Prisma). Segments of a document are
 * replaced atomically: a failed ingestion never leaves half a document searchable.
 */
export interface KnowledgeRepository {
  loadSource(documentId: string): Promise<{ bytes: Uint8Array } | { text: string }>;
  setProgress(progress: IngestProgress): Promise<void>;
  /** Replaces the document's segments; returns the stored segment ids in chunk order. */
  replaceSegments(documentId: string, knowledgeBaseId: string, chunks: Chunk[]): Promise<string[]>;
  /** Bumps the knowledge base generation after a committed change and publishes the cache invalidation. */
  bumpGeneration(knowledgeBaseId: string): Promise<void>;
}

/** A queue of ingestion jobs: in-process in the embedded mode, BullMQ on Redis in server mode. */
export interface IngestQueue {
  enqueue(job: IngestJob): Promise<void>;
  /** Resolves when every job enqueued so far has finished (tests, shutdown). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export type { Chunk, ChunkSettings };
