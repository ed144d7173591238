'use client';
import { Field, PanelSection, SelectInput, SmallButton, TextInput, Toggle } from '../shared/form-controls';
import type { NodePanelProps } from '../node-ui-types';
import { readStartDraft, startVariableTypes, type StartVariableDraft } from './draft';

const typeOptions = startVariableTypes.map((type) => ({ value: type, label: type }));

function nextVariableName(taken: StartVariableDraft[]): string {
  for (let index = taken.length + 1; ; index++) {
    const name = `input_${index}`;
    if (!taken.some((variable) => variable.variable === name)) return name;
  }
}

export function StartPanel({ config, onChange, readOnly }: NodePanelProps) {
  const { variables } = readStartDraft(config);
  const write = (next: StartVariableDraft[]) => onChange({ ...config, variables: next });
  const update = (index: number, patch: Partial<StartVariableDraft>) => write(variables.map((variable, at) => (at === index ? { ...variable, ...patch } : variable)));

  return (
    <PanelSection
      title="Input variables"
      actions={
        <SmallButton testId="start-add-variable" disabled={readOnly} onClick={() => write([...variables, { variable: nextVariableName(variables), type: 'text-input', required: false }])}>
          + Add
        </SmallButton>
      }
    >
      {variables.length === 0 ? <p className="text-xs text-slate-400">The run form is empty. Add inputs the run asks for.</p> : null}
      {variables.map((variable, index) => (
        <div key={index} className="flex flex-col gap-2 rounded border border-slate-200 p-2" data-testid={`start-variable-${index}`}>
          <Field label="Name" path={`variables.${index}.variable`}>
            {(id) => <TextInput id={id} value={variable.variable} disabled={readOnly} onChange={(value) => update(index, { variable: value })} testId={`start-variable-name-${index}`} />}
          </Field>
          <Field label="Label" path={`variables.${index}.label`}>
            {(id) => <TextInput id={id} value={variable.label ?? ''} disabled={readOnly} onChange={(value) => update(index, { label: value === '' ? undefined : value })} />}
          </Field>
          <Field label="Type" path={`variables.${index}.type`}>
            {(id) => <SelectInput id={id} value={variable.type} options={typeOptions} disabled={readOnly} onChange={(type) => update(index, { type })} testId={`start-variable-type-${index}`} />}
          </Field>
          {variable.type === 'select' ? (
            <Field label="Options (comma-separated)" path={`variables.${index}.options`}>
              {(id) => (
                <TextInput
                  id={id}
                  value={(variable.options ?? []).join(', ')}
                  disabled={readOnly}
                  onChange={(value) => update(index, { options: value.split(',').map((option) => option.trim()).filter((option) => option !== '') })}
                />
              )}
            </Field>
          ) : null}
          <div className="flex items-center justify-between">
            <Toggle label="Required" value={variable.required} disabled={readOnly} onChange={(required) => update(index, { required })} />
            <SmallButton tone="danger" disabled={readOnly} onClick={() => write(variables.filter((_, at) => at !== index))}>
              Remove
            </SmallButton>
          </div>
        </div>
      ))}
    </PanelSection>
  );
}
