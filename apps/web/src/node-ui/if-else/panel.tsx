'use client';
import { comparisonOperators } from '@weft/workflow-engine/nodes';
import type { NodePanelProps } from '../node-ui-types';
import { Field, PanelSection, SelectInput, SmallButton, TextInput } from '../shared/form-controls';
import { VariablePicker } from '../shared/variable-picker';
import { emptyCondition, nextCaseId, readIfElseDraft, valuelessOperators, type CaseDraft, type ConditionDraft } from './draft';

const operatorOptions = comparisonOperators.map((operator) => ({ value: operator, label: operator }));
const logicOptions = [
  { value: 'and', label: 'all conditions (and)' },
  { value: 'or', label: 'any condition (or)' },
] as const;

export function IfElsePanel({ config, onChange, upstream, readOnly }: NodePanelProps) {
  const { cases } = readIfElseDraft(config);
  const writeCases = (next: CaseDraft[]) => onChange({ ...config, cases: next });
  const updateCase = (index: number, patch: Partial<CaseDraft>) => writeCases(cases.map((branch, at) => (at === index ? { ...branch, ...patch } : branch)));
  const updateCondition = (caseIndex: number, conditionIndex: number, patch: Partial<ConditionDraft>) => {
    const branch = cases[caseIndex];
    if (branch) updateCase(caseIndex, { conditions: branch.conditions.map((condition, at) => (at === conditionIndex ? { ...condition, ...patch } : condition)) });
  };

  return (
    <PanelSection
      title="Cases"
      actions={
        <SmallButton testId="if-else-add-case" disabled={readOnly} onClick={() => writeCases([...cases, { caseId: nextCaseId(cases), logicalOperator: 'and', conditions: [emptyCondition()] }])}>
          + ELIF
        </SmallButton>
      }
    >
      {cases.map((branch, caseIndex) => (
        <div key={caseIndex} className="flex flex-col gap-2 rounded border border-slate-200 p-2" data-field-path={`cases.${caseIndex}`} data-testid={`if-else-case-${caseIndex}`}>
          <div className="flex items-center justify-between gap-2">
            <span className="text-xs font-semibold text-slate-700">{caseIndex === 0 ? 'IF' : 'ELIF'}</span>
            <SelectInput value={branch.logicalOperator} options={logicOptions} disabled={readOnly} onChange={(logicalOperator) => updateCase(caseIndex, { logicalOperator })} />
            <SmallButton tone="danger" disabled={readOnly || cases.length === 1} onClick={() => writeCases(cases.filter((_, at) => at !== caseIndex))}>
              ✕
            </SmallButton>
          </div>
          {branch.conditions.map((condition, conditionIndex) => {
            const base = `cases.${caseIndex}.conditions.${conditionIndex}`;
            return (
              <div key={conditionIndex} className="grid grid-cols-[1.3fr_1fr_1fr_auto] items-end gap-1">
                <Field label="Variable" path={`${base}.variableSelector`}>
                  {(id) => <VariablePicker id={id} value={condition.variableSelector} upstream={upstream} disabled={readOnly} onChange={(variableSelector) => updateCondition(caseIndex, conditionIndex, { variableSelector })} />}
                </Field>
                <Field label="Operator" path={`${base}.comparisonOperator`}>
                  {(id) => <SelectInput id={id} value={condition.comparisonOperator} options={operatorOptions} disabled={readOnly} onChange={(comparisonOperator) => updateCondition(caseIndex, conditionIndex, { comparisonOperator })} />}
                </Field>
                <Field label="Value" path={`${base}.value`}>
                  {(id) => (
                    <TextInput
                      id={id}
                      value={condition.value === undefined ? '' : Array.isArray(condition.value) ? condition.value.join(', ') : String(condition.value)}
                      disabled={readOnly || valuelessOperators.has(condition.comparisonOperator)}
                      onChange={(value) => updateCondition(caseIndex, conditionIndex, { value })}
                    />
                  )}
                </Field>
                <SmallButton tone="danger" disabled={readOnly} onClick={() => updateCase(caseIndex, { conditions: branch.conditions.filter((_, at) => at !== conditionIndex) })}>
                  ✕
                </SmallButton>
              </div>
            );
          })}
          <SmallButton disabled={readOnly} onClick={() => updateCase(caseIndex, { conditions: [...branch.conditions, emptyCondition()] })}>
            + Condition
          </SmallButton>
        </div>
      ))}
    </PanelSection>
  );
}
