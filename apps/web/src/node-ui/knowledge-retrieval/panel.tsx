'use client';
import type { NodePanelProps } from '../node-ui-types';
import { Field, NumberInput, PanelSection, SelectInput } from '../shared/form-controls';
import { VariablePicker } from '../shared/variable-picker';
import { readKnowledgeRetrievalDraft, retrievalModes, type KnowledgeRetrievalDraft } from './draft';
import { KnowledgeBasePicker } from './knowledge-base-picker';

const modeLabels = { hybrid: 'Hybrid', vector: 'Vector', keyword: 'Keyword' } as const;
const modeOptions = retrievalModes.map((mode) => ({ value: mode, label: modeLabels[mode] }));

export function KnowledgeRetrievalPanel({ config, onChange, upstream, readOnly }: NodePanelProps) {
  const draft = readKnowledgeRetrievalDraft(config);
  const write = (patch: Partial<KnowledgeRetrievalDraft>) => onChange({ ...config, ...patch });

  return (
    <>
      <PanelSection title="Query">
        <Field label="Query variable" path="queryVariableSelector">
          {(id) => <VariablePicker id={id} value={draft.queryVariableSelector} upstream={upstream} disabled={readOnly} testId="retrieval-query-variable" onChange={(queryVariableSelector) => write({ queryVariableSelector })} />}
        </Field>
      </PanelSection>
      <PanelSection title="Knowledge bases">
        <Field label="Search in" path="knowledgeBaseIds">
          {(id) => <KnowledgeBasePicker id={id} value={draft.knowledgeBaseIds} readOnly={readOnly} onChange={(knowledgeBaseIds) => write({ knowledgeBaseIds })} />}
        </Field>
      </PanelSection>
      <PanelSection title="Retrieval">
        <div className="grid grid-cols-3 gap-2">
          <Field label="Mode" path="retrievalMode">
            {(id) => <SelectInput id={id} value={draft.retrievalMode} options={modeOptions} disabled={readOnly} testId="retrieval-mode" onChange={(retrievalMode) => write({ retrievalMode })} />}
          </Field>
          <Field label="Top K" path="topK">
            {(id) => <NumberInput id={id} value={draft.topK} min={1} max={50} disabled={readOnly} testId="retrieval-top-k" onChange={(topK) => write({ topK: topK ?? 4 })} />}
          </Field>
          <Field label="Min score" path="scoreThreshold">
            {(id) => <NumberInput id={id} value={draft.scoreThreshold} min={0} max={1} step={0.05} disabled={readOnly} placeholder="none" testId="retrieval-threshold" onChange={(scoreThreshold) => write({ scoreThreshold })} />}
          </Field>
        </div>
      </PanelSection>
    </>
  );
}
