import { z } from 'zod';
import { namedSelectorListSchema } from '../shared/selector-draft';

export const endDraftSchema = z.object({ outputs: namedSelectorListSchema });
export type EndDraft = z.infer<typeof endDraftSchema>;
export const readEndDraft = (config: Record<string, unknown>): EndDraft => endDraftSchema.parse(config);
