import { z } from 'zod';

/** What the API says about a stale save (`draft_conflict` in `error.data`). */
export interface DraftConflict {
  message: string;
  currentVersion: number;
  savedBy: string;
  savedAt: Date;
}

const conflictDataSchema = z.object({
  domainCode: z.literal('draft_conflict'),
  details: z.object({
    currentVersion: z.number().int(),
    savedBy: z.object({ name: z.string() }).nullable(),
    savedAt: z.string(),
  }),
});

/** The conflict in a failed `drafts.save`, or undefined when the failure is something else. */
export function readDraftConflict(error: unknown): DraftConflict | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const parsed = conflictDataSchema.safeParse(error.data);
  if (!parsed.success) return undefined;
  const message = error instanceof Error ? error.message : 'Someone else saved this draft.';
  const { currentVersion, savedBy, savedAt } = parsed.data.details;
  return { message, currentVersion, savedBy: savedBy?.name ?? 'a deleted user', savedAt: new Date(savedAt) };
}
