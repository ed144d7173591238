import type { Prisma } from '@weft/db';
import { chunkSettingsSchema, type IngestJob } from '@weft/knowledge/spec';

/** A document row with what its ingestion job needs. */
export interface IngestableDocument {
  id: string;
  knowledgeBaseId: string;
  name: string;
  source: 'upload' | 'text';
  tags: string[];
  uploadFile: { extension: string } | null;
  knowledgeBase: { embeddingModel: string; chunkSettings: unknown };
}

/** The job for a document, with its knowledge base's current chunk settings and embedding model. */
export function toIngestJob(document: IngestableDocument): IngestJob {
  const settings = chunkSettingsSchema.safeParse(document.knowledgeBase.chunkSettings);
  return {
    knowledgeBaseId: document.knowledgeBaseId,
    documentId: document.id,
    documentName: document.name,
    kind: document.source === 'text' ? 'text' : (document.uploadFile?.extension ?? 'txt'),
    tags: document.tags,
    chunkSettings: settings.success ? settings.data : chunkSettingsSchema.parse({ mode: 'general' }),
    embeddingModel: document.knowledgeBase.embeddingModel,
  };
}

/** The Prisma select that gives an IngestableDocument. */
export const ingestableDocumentSelect = {
  id: true,
  knowledgeBaseId: true,
  name: true,
  source: true,
  tags: true,
  uploadFile: { select: { extension: true } },
  knowledgeBase: { select: { embeddingModel: true, chunkSettings: true } },
} as const satisfies Prisma.DocumentSelect;
