'use client';
import type { NodePanelProps } from '../node-ui-types';
import { Field, PanelSection, TextArea } from '../shared/form-controls';
import { NamedSelectorList } from '../shared/named-selector-list';
import { readTemplateTransformDraft } from './draft';

export function TemplateTransformPanel({ config, onChange, upstream, readOnly }: NodePanelProps) {
  const draft = readTemplateTransformDraft(config);
  return (
    <>
      <NamedSelectorList
        title="Variables"
        listKey="variables"
        namePrefix="arg"
        rows={draft.variables}
        upstream={upstream}
        readOnly={readOnly}
        onChange={(variables) => onChange({ ...config, variables })}
      />
      <PanelSection title="Template">
        <Field label="Jinja template" path="template" hint={`Use the names above: {{ ${draft.variables[0]?.variable ?? 'arg_1'} }}, loops and filters work.`}>
          {(id) => <TextArea id={id} rows={6} value={draft.template} disabled={readOnly} testId="template-transform-template" onChange={(template) => onChange({ ...config, template })} />}
        </Field>
      </PanelSection>
    </>
  );
}
