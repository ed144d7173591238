import { z } from 'zod';
import type { RetrievalQuery } from '@weft/workflow-engine/spec';
import { KnowledgeError } from '../spec';

export const maxTopK = 100;

/** What `retrieve` accepts; the engine's RetrievalQuery, checked here because the API passes user input through. */
export const retrievalQuerySchema = z.object({
  knowledgeBaseIds: z.array(z.string().min(1)).min(1, 'pick at least one knowledge base'),
  query: z.string(),
  topK: z.number().int().min(1).max(maxTopK),
  scoreThreshold: z.number().min(0).max(1).optional(),
  mode: z.enum(['vector', 'keyword', 'hybrid']),
  filters: z.object({ documentIds: z.array(z.string().min(1)).optional(), tags: z.array(z.string().min(1)).optional() }).optional(),
});

export type CheckedRetrievalQuery = z.infer<typeof retrievalQuerySchema> & { signal?: AbortSignal };

/** Parses a query or throws `invalid_settings` naming each wrong field and what it takes. */
export function checkRetrievalQuery(query: RetrievalQuery): CheckedRetrievalQuery {
  const { signal, ...rest } = query;
  const parsed = retrievalQuerySchema.safeParse(rest);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(query)'}: ${issue.message}`).join('; ');
    throw new KnowledgeError(
      'invalid_settings',
      `Invalid retrieval query: ${problems}. Expected knowledgeBaseIds (at least one), topK 1–${maxTopK}, scoreThreshold 0–1, mode vector | keyword | hybrid.`,
    );
  }
  return signal === undefined ? parsed.data : { ...parsed.data, signal };
}
