'use client';
import type { NodePanelProps } from '../node-ui-types';
import { Field, PanelSection } from '../shared/form-controls';
import { TemplateEditor } from '../shared/template-editor';
import { readAnswerDraft } from './draft';

export function AnswerPanel({ config, onChange, upstream, readOnly }: NodePanelProps) {
  const { answer } = readAnswerDraft(config);
  return (
    <PanelSection title="Reply">
      <Field label="Answer" path="answer" hint="Streamed to the chat in order; literal text goes out at once.">
        {(id) => <TemplateEditor id={id} value={answer} upstream={upstream} disabled={readOnly} testId="answer-template" onChange={(text) => onChange({ ...config, answer: text })} />}
      </Field>
    </PanelSection>
  );
}
