import { z } from 'zod';

export const answerDraftSchema = z.object({ answer: z.string().catch('') });
export type AnswerDraft = z.infer<typeof answerDraftSchema>;
export const readAnswerDraft = (config: Record<string, unknown>): AnswerDraft => answerDraftSchema.parse(config);
