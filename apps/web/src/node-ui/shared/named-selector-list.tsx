'use client';
import type { UpstreamVariable } from '../node-ui-types';
import { Field, PanelSection, SmallButton, TextInput } from './form-controls';
import { nextName, type NamedSelectorDraft } from './selector-draft';
import { VariablePicker } from './variable-picker';

interface NamedSelectorListProps {
  title: string;
  /** Key of the list in the node's data, e.g. `outputs`. */
  listKey: string;
  rows: NamedSelectorDraft[];
  onChange(rows: NamedSelectorDraft[]): void;
  upstream: UpstreamVariable[];
  readOnly: boolean;
  namePrefix: string;
}

/** Rows of "name ← upstream variable", used by end outputs and template variables. */
export function NamedSelectorList({ title, listKey, rows, onChange, upstream, readOnly, namePrefix }: NamedSelectorListProps) {
  const update = (index: number, patch: Partial<NamedSelectorDraft>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <PanelSection
      title={title}
      actions={
        <SmallButton testId={`${listKey}-add`} disabled={readOnly} onClick={() => onChange([...rows, { variable: nextName(namePrefix, rows), valueSelector: undefined }])}>
          + Add
        </SmallButton>
      }
    >
      {rows.map((row, index) => (
        <div key={index} className="grid grid-cols-[1fr_1.4fr_auto] items-end gap-2" data-testid={`${listKey}-row-${index}`}>
          <Field label="Name" path={`${listKey}.${index}.variable`}>
            {(id) => <TextInput id={id} value={row.variable} disabled={readOnly} onChange={(variable) => update(index, { variable })} testId={`${listKey}-name-${index}`} />}
          </Field>
          <Field label="Value" path={`${listKey}.${index}.valueSelector`}>
            {(id) => (
              <VariablePicker
                id={id}
                value={row.valueSelector}
                upstream={upstream}
                disabled={readOnly}
                onChange={(valueSelector) => update(index, { valueSelector })}
                testId={`${listKey}-value-${index}`}
              />
            )}
          </Field>
          <SmallButton tone="danger" disabled={readOnly} onClick={() => onChange(rows.filter((_, at) => at !== index))}>
            ✕
          </SmallButton>
        </div>
      ))}
    </PanelSection>
  );
}
