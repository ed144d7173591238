import { z } from 'zod';
import { variableSelectorSchema } from '../../spec/variables';

/** A name a node gives a value (an input, an output, a template variable): an identifier. */
export const variableNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and _, not starting with a digit');

/** `[{ variable, valueSelector }]`: upstream values under names of this node's choosing. */
export const namedSelectorListSchema = z.array(z.object({ variable: variableNameSchema, valueSelector: variableSelectorSchema })).default([]);

/**
 * Adds an issue at `[field, index, 'variable']` for each name already used earlier in the list.
 * `describe(name)` says what is duplicated, e.g. `output "answer"`; the message says how to fix it.
 */
export function reportDuplicateNames(
  items: readonly { variable: string }[],
  field: string,
  ctx: z.RefinementCtx,
  describe: (name: string) => string,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.variable)) {
      ctx.addIssue({ code: 'custom', path: [field, index, 'variable'], message: `Duplicate ${describe(item.variable)}: give each a unique name` });
    }
    seen.add(item.variable);
  });
}
