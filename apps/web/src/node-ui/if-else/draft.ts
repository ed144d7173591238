import { z } from 'zod';
import { comparisonOperators } from '@weft/workflow-engine/nodes';
import { selectorDraftSchema } from '../shared/selector-draft';

export const valuelessOperators: ReadonlySet<string> = new Set(['empty', 'not empty']);

const conditionDraftSchema = z.looseObject({
  variableSelector: selectorDraftSchema,
  comparisonOperator: z.enum(comparisonOperators).catch('contains'),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]).optional().catch(undefined),
});
export type ConditionDraft = z.infer<typeof conditionDraftSchema>;

const caseDraftSchema = z.looseObject({
  caseId: z.string().catch(''),
  logicalOperator: z.enum(['and', 'or']).catch('and'),
  conditions: z.array(conditionDraftSchema.catch({ variableSelector: undefined, comparisonOperator: 'contains', value: '' })).catch([]),
});
export type CaseDraft = z.infer<typeof caseDraftSchema>;

export const ifElseDraftSchema = z.object({ cases: z.array(caseDraftSchema.catch({ caseId: '', logicalOperator: 'and', conditions: [] })).catch([]) });
export type IfElseDraft = z.infer<typeof ifElseDraftSchema>;
export const readIfElseDraft = (config: Record<string, unknown>): IfElseDraft => ifElseDraftSchema.parse(config);

export const emptyCondition = (): ConditionDraft => ({ variableSelector: undefined, comparisonOperator: 'contains', value: '' });

/** `true` for the first case (as Dify names it), then `case_2`, `case_3`… skipping ids in use. */
export function nextCaseId(cases: readonly CaseDraft[]): string {
  if (!cases.some((branch) => branch.caseId === 'true')) return 'true';
  for (let index = cases.length + 1; ; index++) {
    const id = `case_${index}`;
    if (!cases.some((branch) => branch.caseId === id)) return id;
  }
}
