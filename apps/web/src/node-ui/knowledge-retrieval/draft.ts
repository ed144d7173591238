import { z } from 'zod';
import { selectorDraftSchema } from '../shared/selector-draft';

export const retrievalModes = ['vector', 'keyword', 'hybrid'] as const;

export const knowledgeRetrievalDraftSchema = z.object({
  queryVariableSelector: selectorDraftSchema,
  knowledgeBaseIds: z.array(z.string()).catch([]),
  retrievalMode: z.enum(retrievalModes).catch('hybrid'),
  topK: z.number().catch(4),
  scoreThreshold: z.number().optional().catch(undefined),
});
export type KnowledgeRetrievalDraft = z.infer<typeof knowledgeRetrievalDraftSchema>;
export const readKnowledgeRetrievalDraft = (config: Record<string, unknown>): KnowledgeRetrievalDraft => knowledgeRetrievalDraftSchema.parse(config);
