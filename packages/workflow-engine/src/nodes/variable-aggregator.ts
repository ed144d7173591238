import { z } from 'zod';
import { defineNode, type OutputType } from '../spec/node';
import { variableSelectorSchema } from '../spec/variables';
import { readInput } from './shared/read-input';
import { uniqueSelectors } from './shared/unique-selectors';

const outputTypes = [
  'string',
  'number',
  'boolean',
  'object',
  'file',
  'array[string]',
  'array[number]',
  'array[object]',
  'array[file]',
  'any',
] as const satisfies readonly OutputType[];

export const variableAggregatorConfigSchema = z.object({
  /** Candidates in priority order; typically one per branch, since skipped branches resolve to undefined. */
  variables: z.array(variableSelectorSchema).min(1, 'list at least one variable to aggregate'),
  outputType: z.enum(outputTypes).optional(),
});
export type VariableAggregatorConfig = z.infer<typeof variableAggregatorConfigSchema>;

/** Joins branches: outputs the first listed value that is present. */
export const variableAggregatorNode = defineNode<VariableAggregatorConfig>({
  type: 'variable-aggregator',
  version: 1,
  config: variableAggregatorConfigSchema,
  outputs: (config) => [{ name: 'output', type: config.outputType ?? 'any' }],
  references: (config) => uniqueSelectors(config.variables),
  run: async ({ config, inputs }) => {
    for (const selector of config.variables) {
      const value = readInput(inputs, selector);
      if (value !== undefined && value !== null) return { outputs: { output: value } };
    }
    return { outputs: { output: undefined } };
  },
});
