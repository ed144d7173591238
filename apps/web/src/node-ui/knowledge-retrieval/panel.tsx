'use client';
import type { NodePanelProps } from '../node-ui-types';
import { Field, NumberInput, PanelSection, SelectInput, TextInput } from '../shared/form-controls';
import { usePanelOptions } from '../shared/panel-options';
import { VariablePicker } from '../shared/variable-picker';
import { readKnowledgeRetrievalDraft, retrievalModes, type KnowledgeRetrievalDraft } from './draft';

const modeOptions = retrievalModes.map((mode) => ({ value: mode, label: mode }));

export function KnowledgeRetrievalPanel({ config, onChange, upstream, readOnly }: NodePanelProps) {
  const { knowledgeBases } = usePanelOptions();
  const draft = readKnowledgeRetrievalDraft(config);
  const write = (patch: Partial<KnowledgeRetrievalDraft>) => onChange({ ...config, ...patch });
  const toggleBase = (id: string, on: boolean) =>
    write({ knowledgeBaseIds: on ? [...draft.knowledgeBaseIds.filter((existing) => existing !== id), id] : draft.knowledgeBaseIds.filter((existing) => existing !== id) });

  return (
    <>
      <PanelSection title="Query">
        <Field label="Query variable" path="queryVariableSelector">
          {(id) => <VariablePicker id={id} value={draft.queryVariableSelector} upstream={upstream} disabled={readOnly} testId="retrieval-query-variable" onChange={(queryVariableSelector) => write({ queryVariableSelector })} />}
        </Field>
      </PanelSection>
      <PanelSection title="Knowledge bases">
        <div className="flex flex-col gap-1">
          {knowledgeBases === undefined ? (
            <Field label="Knowledge base ids (comma-separated)" path="knowledgeBaseIds">
              {(id) => (
                <TextInput
                  id={id}
                  value={draft.knowledgeBaseIds.join(', ')}
                  disabled={readOnly}
                  testId="retrieval-knowledge-base-ids"
                  onChange={(value) => write({ knowledgeBaseIds: value.split(',').map((part) => part.trim()).filter((part) => part !== '') })}
                />
              )}
            </Field>
          ) : (
            <Field label="Search in" path="knowledgeBaseIds" hint={knowledgeBases.length === 0 ? 'No knowledge bases yet: create one under Knowledge.' : undefined}>
              {() =>
                knowledgeBases.map((base) => (
                  <label key={base.id} className="flex items-center gap-2 text-sm text-slate-700">
                    <input
                      type="checkbox"
                      checked={draft.knowledgeBaseIds.includes(base.id)}
                      disabled={readOnly}
                      data-testid={`retrieval-knowledge-base-${base.name}`}
                      onChange={(event) => toggleBase(base.id, event.target.checked)}
                    />
                    {base.name}
                  </label>
                ))
              }
            </Field>
          )}
        </div>
      </PanelSection>
      <PanelSection title="Retrieval">
        <div className="grid grid-cols-3 gap-2">
          <Field label="Mode" path="retrievalMode">
            {(id) => <SelectInput id={id} value={draft.retrievalMode} options={modeOptions} disabled={readOnly} onChange={(retrievalMode) => write({ retrievalMode })} />}
          </Field>
          <Field label="Top K" path="topK">
            {(id) => <NumberInput id={id} value={draft.topK} min={1} max={50} disabled={readOnly} onChange={(topK) => write({ topK: topK ?? 4 })} />}
          </Field>
          <Field label="Min score" path="scoreThreshold">
            {(id) => <NumberInput id={id} value={draft.scoreThreshold} min={0} max={1} step={0.05} disabled={readOnly} onChange={(scoreThreshold) => write({ scoreThreshold })} />}
          </Field>
        </div>
      </PanelSection>
    </>
  );
}
