import { z } from 'zod';
import { namedSelectorListSchema } from '../shared/selector-draft';

export const templateTransformDraftSchema = z.object({ template: z.string().catch(''), variables: namedSelectorListSchema });
export type TemplateTransformDraft = z.infer<typeof templateTransformDraftSchema>;
export const readTemplateTransformDraft = (config: Record<string, unknown>): TemplateTransformDraft => templateTransformDraftSchema.parse(config);
