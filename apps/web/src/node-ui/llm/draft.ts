import { z } from 'zod';
import { selectorDraftSchema } from '../shared/selector-draft';

export const promptRoles = ['system', 'user', 'assistant'] as const;

const promptMessageDraftSchema = z.object({ role: z.enum(promptRoles).catch('user'), text: z.string().catch('') });

export const llmDraftSchema = z.object({
  model: z
    .looseObject({
      id: z.string().catch(''),
      completionParams: z
        .looseObject({ temperature: z.number().optional().catch(undefined), maxTokens: z.number().optional().catch(undefined) })
        .optional()
        .catch(undefined),
    })
    .catch({ id: '' }),
  promptTemplate: z.array(promptMessageDraftSchema.catch({ role: 'user', text: '' })).catch([]),
  memory: z.object({ enabled: z.boolean().catch(false), windowSize: z.number().catch(10) }).optional().catch(undefined),
  context: z.object({ enabled: z.boolean().catch(false), variableSelector: selectorDraftSchema }).optional().catch(undefined),
  responseFormat: z.enum(['text', 'json']).optional().catch(undefined),
});
export type LlmDraft = z.infer<typeof llmDraftSchema>;
export type PromptMessageDraft = LlmDraft['promptTemplate'][number];
export const readLlmDraft = (config: Record<string, unknown>): LlmDraft => llmDraftSchema.parse(config);
