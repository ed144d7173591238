import { z } from 'zod';
import { defineNode } from '../spec/node';
import { renderTemplate, templateSelectors, variableSelectorSchema, type VariableSelector } from '../spec/variables';
import { DEFAULT_HANDLE, FAIL_BRANCH_HANDLE } from '../spec/workflow';
import { canonicalOperator, comparisonOperatorNames, evaluateCondition, valuelessOperators } from './shared/evaluate-condition';
import { readInput } from './shared/read-input';
import { uniqueSelectors } from './shared/unique-selectors';

/** The handle taken when no case matches (Dify's else branch). */
export const ELSE_HANDLE = 'false';
const reservedCaseIds = new Set([ELSE_HANDLE, DEFAULT_HANDLE, FAIL_BRANCH_HANDLE]);

const conditionSchema = z
  .object({
    variableSelector: variableSelectorSchema,
    comparisonOperator: z.enum(comparisonOperatorNames).transform(canonicalOperator),
    /** Text values may embed `{{#node.field#}}` references; `in` takes a list or comma-separated text. */
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]).optional(),
  })
  .superRefine((condition, ctx) => {
    if (condition.value === undefined && !valuelessOperators.has(condition.comparisonOperator)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `Operator "${condition.comparisonOperator}" compares against a value: set one` });
    }
  });
type Condition = z.infer<typeof conditionSchema>;

const caseSchema = z.object({
  caseId: z.string().min(1),
  logicalOperator: z.enum(['and', 'or']).default('and'),
  conditions: z.array(conditionSchema).min(1, 'add at least one condition to the case'),
});

export const ifElseConfigSchema = z
  .object({ cases: z.array(caseSchema).min(1, 'add at least one case') })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.cases.forEach((branch, index) => {
      if (reservedCaseIds.has(branch.caseId)) {
        ctx.addIssue({ code: 'custom', path: ['cases', index, 'caseId'], message: `Case id "${branch.caseId}" is reserved for another handle: pick another id` });
      } else if (seen.has(branch.caseId)) {
        ctx.addIssue({ code: 'custom', path: ['cases', index, 'caseId'], message: `Duplicate case id "${branch.caseId}": each case needs its own id` });
      }
      seen.add(branch.caseId);
    });
  });
export type IfElseConfig = z.infer<typeof ifElseConfigSchema>;

const textValues = (value: Condition['value']): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function resolveValue(value: Condition['value'], inputs: Readonly<Record<string, unknown>>): unknown {
  const lookup = (selector: VariableSelector) => readInput(inputs, selector);
  if (typeof value === 'string') return renderTemplate(value, lookup);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? renderTemplate(item, lookup) : item));
  return value;
}

/** Branches on the first case whose conditions hold; `false` is the else handle. */
export const ifElseNode = defineNode<IfElseConfig>({
  type: 'if-else',
  version: 1,
  config: ifElseConfigSchema,
  handles: (config) => [...config.cases.map((branch) => branch.caseId), ELSE_HANDLE],
  outputs: () => [
    { name: 'result', type: 'boolean' },
    { name: 'selected_case_id', type: 'string' },
  ],
  references: (config) =>
    uniqueSelectors(
      config.cases.flatMap((branch) =>
        branch.conditions.flatMap((condition) => [condition.variableSelector, ...textValues(condition.value).flatMap(templateSelectors)]),
      ),
    ),
  run: async ({ config, inputs }) => {
    const holds = (condition: Condition) =>
      evaluateCondition(condition.comparisonOperator, readInput(inputs, condition.variableSelector), resolveValue(condition.value, inputs));
    const matched = config.cases.find((branch) => (branch.logicalOperator === 'and' ? branch.conditions.every(holds) : branch.conditions.some(holds)));
    const handle = matched?.caseId ?? ELSE_HANDLE;
    return { handle, outputs: { result: matched !== undefined, selected_case_id: handle } };
  },
});
