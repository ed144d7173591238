import { z } from 'zod';

export const aggregatorOutputTypes = ['string', 'number', 'boolean', 'object', 'file', 'array[string]', 'array[number]', 'array[object]', 'array[file]', 'any'] as const;

export const variableAggregatorDraftSchema = z.object({
  /** Unset rows are kept as empty lists so the panel can show a picker for them. */
  variables: z.array(z.array(z.string()).catch([])).catch([]),
  outputType: z.enum(aggregatorOutputTypes).optional().catch(undefined),
});
export type VariableAggregatorDraft = z.infer<typeof variableAggregatorDraftSchema>;
export const readVariableAggregatorDraft = (config: Record<string, unknown>): VariableAggregatorDraft => variableAggregatorDraftSchema.parse(config);
