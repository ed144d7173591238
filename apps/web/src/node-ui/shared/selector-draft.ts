import { z } from 'zod';

/** A selector as the panels edit it: a list of at least two parts, or absent while the user has not picked one. */
export const selectorDraftSchema = z.array(z.string()).min(2).optional().catch(undefined);

/** A named reference row (end outputs, template variables). */
export const namedSelectorDraftSchema = z.looseObject({
  variable: z.string().catch(''),
  valueSelector: selectorDraftSchema,
});
export type NamedSelectorDraft = z.infer<typeof namedSelectorDraftSchema>;

export const namedSelectorListSchema = z.array(namedSelectorDraftSchema.catch({ variable: '', valueSelector: undefined })).catch([]);

export function nextName(prefix: string, taken: readonly { variable: string }[]): string {
  for (let index = taken.length + 1; ; index++) {
    const name = `${prefix}_${index}`;
    if (!taken.some((row) => row.variable === name)) return name;
  }
}
