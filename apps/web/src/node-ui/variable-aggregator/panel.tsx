'use client';
import type { NodePanelProps } from '../node-ui-types';
import { Field, PanelSection, SelectInput, SmallButton } from '../shared/form-controls';
import { VariablePicker } from '../shared/variable-picker';
import { aggregatorOutputTypes, readVariableAggregatorDraft } from './draft';

const typeOptions = [{ value: '', label: 'any (unchecked)' }, ...aggregatorOutputTypes.filter((type) => type !== 'any').map((type) => ({ value: type, label: type }))];

export function VariableAggregatorPanel({ config, onChange, upstream, readOnly }: NodePanelProps) {
  const draft = readVariableAggregatorDraft(config);
  const writeVariables = (variables: string[][]) => onChange({ ...config, variables });
  return (
    <>
      <PanelSection title="Candidates (first present wins)" actions={<SmallButton testId="aggregator-add" disabled={readOnly} onClick={() => writeVariables([...draft.variables, []])}>+ Add</SmallButton>}>
        {draft.variables.map((selector, index) => (
          <div key={index} className="grid grid-cols-[1fr_auto] items-end gap-2">
            <Field label={`#${index + 1}`} path={`variables.${index}`}>
              {(id) => (
                <VariablePicker
                  id={id}
                  value={selector.length > 0 ? selector : undefined}
                  upstream={upstream}
                  disabled={readOnly}
                  onChange={(next) => writeVariables(draft.variables.map((existing, at) => (at === index ? (next ?? []) : existing)))}
                />
              )}
            </Field>
            <SmallButton tone="danger" disabled={readOnly} onClick={() => writeVariables(draft.variables.filter((_, at) => at !== index))}>
              ✕
            </SmallButton>
          </div>
        ))}
      </PanelSection>
      <PanelSection title="Output">
        <Field label="Output type" path="outputType">
          {(id) => (
            <SelectInput
              id={id}
              value={draft.outputType ?? ''}
              options={typeOptions}
              disabled={readOnly}
              onChange={(value) => {
                const outputType = aggregatorOutputTypes.find((type) => type === value);
                onChange({ ...config, outputType });
              }}
            />
          )}
        </Field>
      </PanelSection>
    </>
  );
}
