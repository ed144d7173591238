import { z } from 'zod';
import { defineNode } from '../spec/node';
import { variableSelectorSchema } from '../spec/variables';
import { readInput } from './shared/read-input';
import { uniqueSelectors } from './shared/unique-selectors';

export const endConfigSchema = z
  .object({
    outputs: z
      .array(
        z.object({
          variable: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and _, not starting with a digit'),
          valueSelector: variableSelectorSchema,
        }),
      )
      .default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.outputs.forEach((output, index) => {
      if (seen.has(output.variable)) {
        ctx.addIssue({ code: 'custom', path: ['outputs', index, 'variable'], message: `Duplicate output "${output.variable}": give each output a unique name` });
      }
      seen.add(output.variable);
    });
  });
export type EndConfig = z.infer<typeof endConfigSchema>;

/** Exit of a workflow app: names upstream values as the run's outputs. */
export const endNode = defineNode<EndConfig>({
  type: 'end',
  version: 1,
  config: endConfigSchema,
  outputs: (config) => config.outputs.map((output) => ({ name: output.variable, type: 'any' })),
  references: (config) => uniqueSelectors(config.outputs.map((output) => output.valueSelector)),
  run: async ({ config, inputs }) => ({
    outputs: Object.fromEntries(config.outputs.map((output) => [output.variable, readInput(inputs, output.valueSelector)])),
  }),
});
