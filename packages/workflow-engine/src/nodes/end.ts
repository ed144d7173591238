import { z } from 'zod';
import { defineNode } from '../spec/node';
import { namedSelectorListSchema, reportDuplicateNames } from './shared/named-variables';
import { readInput } from './shared/read-input';
import { uniqueSelectors } from './shared/unique-selectors';

export const endConfigSchema = z
  .object({ outputs: namedSelectorListSchema })
  .superRefine((config, ctx) => reportDuplicateNames(config.outputs, 'outputs', ctx, (name) => `output "${name}"`));
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
