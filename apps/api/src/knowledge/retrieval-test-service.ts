import { z } from 'zod';
import { previewChunks, type DetailedRetrievalHit } from '@weft/knowledge';
import { chunkSettingsSchema, type Chunk } from '@weft/knowledge/spec';
import type { KnowledgeAccess } from './knowledge-access';
import type { KnowledgeContext } from './knowledge-context';

export const previewChunksInputSchema = z.object({
  text: z.string().max(1_000_000, 'must be at most 1,000,000 characters: preview a part of the document'),
  chunkSettings: chunkSettingsSchema,
  /** Top-level chunks to return (default 20). */
  limit: z.number().int().min(1).max(200).default(20),
});

export const retrievalTestInputSchema = z.object({
  query: z.string().trim().min(1, 'is required').max(10_000, 'must be at most 10,000 characters'),
  topK: z.number().int().min(1).max(50).default(4),
  mode: z.enum(['vector', 'keyword', 'hybrid']).default('hybrid'),
  scoreThreshold: z.number().min(0).max(1).optional(),
});

/** The text chunked with these settings, as ingestion would cut it (nothing stored). */
export function previewDocumentChunks(input: z.infer<typeof previewChunksInputSchema>): { chunks: Chunk[]; total: number; embeddedTotal: number; embeddedTokens: number } {
  return previewChunks({ text: input.text, metadata: {} }, input.chunkSettings, input.limit);
}

/** What the knowledge retrieval node would find in this knowledge base for the query, with how each hit scored. */
export async function retrievalTest(
  context: KnowledgeContext,
  access: KnowledgeAccess,
  input: z.infer<typeof retrievalTestInputSchema>,
  signal?: AbortSignal,
): Promise<{ hits: DetailedRetrievalHit[]; elapsedMs: number }> {
  const { hits, elapsedMs } = await context.knowledge.retriever.retrieveDetailed({
    knowledgeBaseIds: [access.knowledgeBaseId],
    query: input.query,
    topK: input.topK,
    mode: input.mode,
    ...(input.scoreThreshold === undefined ? {} : { scoreThreshold: input.scoreThreshold }),
    ...(signal === undefined ? {} : { signal }),
  });
  return { hits, elapsedMs: Math.round(elapsedMs) };
}
