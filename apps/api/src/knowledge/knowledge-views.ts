import type { Prisma } from '@weft/db';
import type { ChunkSettings, DocumentStatus } from '@weft/knowledge/spec';

/** A knowledge base as the builder shows it (dates as ISO text, as they travel over JSON). */
export interface KnowledgeBaseView {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  /** `provider:model`, e.g. `local:use-lite`. */
  embeddingModel: string;
  chunkSettings: ChunkSettings;
  documentCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentView {
  id: string;
  knowledgeBaseId: string;
  name: string;
  source: 'upload' | 'text';
  status: DocumentStatus;
  /** 0–100. */
  progress: number;
  error: { code: string; message: string } | null;
  tags: string[];
  /** Stored segments (parents and children both count in parent-child mode). */
  segmentCount: number;
  /** Tokens of the document's text as chunked. */
  tokens: number;
  createdAt: string;
  updatedAt: string;
}

export const knowledgeBaseSelect = {
  id: true,
  workspaceId: true,
  name: true,
  description: true,
  embeddingModel: true,
  chunkSettings: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { documents: true } },
} as const satisfies Prisma.KnowledgeBaseSelect;

export const documentSelect = {
  id: true,
  knowledgeBaseId: true,
  name: true,
  source: true,
  status: true,
  progress: true,
  error: true,
  errorCode: true,
  tags: true,
  wordCount: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { segments: true } },
} as const satisfies Prisma.DocumentSelect;

type KnowledgeBaseRow = Prisma.KnowledgeBaseGetPayload<{ select: typeof knowledgeBaseSelect }>;
type DocumentRow = Prisma.DocumentGetPayload<{ select: typeof documentSelect }>;

/** Stored chunk settings were validated on write; `parse` is the schema's parse (defaults filled). */
export function toKnowledgeBaseView(row: KnowledgeBaseRow, parse: (value: unknown) => ChunkSettings): KnowledgeBaseView {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    description: row.description,
    embeddingModel: row.embeddingModel,
    chunkSettings: parse(row.chunkSettings),
    documentCount: row._count.documents,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDocumentView(row: DocumentRow): DocumentView {
  return {
    id: row.id,
    knowledgeBaseId: row.knowledgeBaseId,
    name: row.name,
    source: row.source,
    status: row.status,
    progress: row.progress,
    error: row.error === null ? null : { code: row.errorCode ?? 'ingest_failed', message: row.error },
    tags: row.tags,
    segmentCount: row._count.segments,
    tokens: row.wordCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
