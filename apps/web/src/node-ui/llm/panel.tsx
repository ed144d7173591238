'use client';
import type { NodePanelProps } from '../node-ui-types';
import { Field, NumberInput, PanelSection, SelectInput, SmallButton, TextInput, Toggle } from '../shared/form-controls';
import { usePanelOptions } from '../shared/panel-options';
import { TemplateEditor } from '../shared/template-editor';
import { VariablePicker } from '../shared/variable-picker';
import { promptRoles, readLlmDraft, type LlmDraft, type PromptMessageDraft } from './draft';

const roleOptions = promptRoles.map((role) => ({ value: role, label: role }));

export function LlmPanel({ nodeId, config, onChange, upstream, readOnly }: NodePanelProps) {
  const { providerNames, appMode } = usePanelOptions();
  const draft = readLlmDraft(config);
  const write = (patch: Partial<LlmDraft>) => onChange({ ...config, ...patch });
  const writeMessages = (next: PromptMessageDraft[]) => write({ promptTemplate: next });
  const updateMessage = (index: number, patch: Partial<PromptMessageDraft>) =>
    writeMessages(draft.promptTemplate.map((message, at) => (at === index ? { ...message, ...patch } : message)));
  const params = draft.model.completionParams ?? {};

  return (
    <>
      <PanelSection title="Model">
        <Field label="Model id" path="model.id" hint={providerNames.length > 0 ? `provider:model, providers: ${providerNames.join(', ')}` : 'provider:model — add a provider in Settings first'}>
          {(id) => (
            <>
              <TextInput id={id} value={draft.model.id} disabled={readOnly} placeholder="openai:gpt-4o-mini" list={`${nodeId}-providers`} testId="llm-model-id" onChange={(value) => write({ model: { ...draft.model, id: value.trim() } })} />
              <datalist id={`${nodeId}-providers`}>
                {providerNames.map((name) => (
                  <option key={name} value={`${name}:`} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field label="Temperature" path="model.completionParams.temperature">
            {(id) => (
              <NumberInput id={id} value={params.temperature} min={0} max={2} step={0.1} disabled={readOnly} onChange={(temperature) => write({ model: { ...draft.model, completionParams: { ...params, temperature } } })} />
            )}
          </Field>
          <Field label="Max tokens" path="model.completionParams.maxTokens">
            {(id) => <NumberInput id={id} value={params.maxTokens} min={1} disabled={readOnly} onChange={(maxTokens) => write({ model: { ...draft.model, completionParams: { ...params, maxTokens } } })} />}
          </Field>
        </div>
      </PanelSection>
      <PanelSection title="Context">
        <Toggle label="Use a context variable ({{#context#}} in prompts)" value={draft.context?.enabled ?? false} disabled={readOnly} testId="llm-context-enabled" onChange={(enabled) => write({ context: { variableSelector: draft.context?.variableSelector, enabled } })} />
        {draft.context?.enabled ? (
          <Field label="Context variable" path="context.variableSelector">
            {(id) => <VariablePicker id={id} value={draft.context?.variableSelector} upstream={upstream} disabled={readOnly} testId="llm-context-variable" onChange={(variableSelector) => write({ context: { enabled: true, variableSelector } })} />}
          </Field>
        ) : null}
      </PanelSection>
      <PanelSection title="Prompt" actions={<SmallButton testId="llm-add-message" disabled={readOnly} onClick={() => writeMessages([...draft.promptTemplate, { role: 'user', text: '' }])}>+ Message</SmallButton>}>
        {draft.promptTemplate.map((message, index) => (
          <div key={index} className="flex flex-col gap-1 rounded border border-slate-200 p-2" data-testid={`llm-message-${index}`}>
            <div className="flex items-center justify-between gap-2">
              <SelectInput value={message.role} options={roleOptions} disabled={readOnly} onChange={(role) => updateMessage(index, { role })} testId={`llm-message-role-${index}`} />
              <SmallButton tone="danger" disabled={readOnly} onClick={() => writeMessages(draft.promptTemplate.filter((_, at) => at !== index))}>
                ✕
              </SmallButton>
            </div>
            <Field label="Text" path={`promptTemplate.${index}.text`}>
              {(id) => <TemplateEditor id={id} value={message.text} upstream={upstream} disabled={readOnly} testId={`llm-message-text-${index}`} onChange={(text) => updateMessage(index, { text })} />}
            </Field>
          </div>
        ))}
      </PanelSection>
      {appMode === 'chatflow' ? (
        <PanelSection title="Memory">
          <Toggle label="Include prior chat turns" value={draft.memory?.enabled ?? false} disabled={readOnly} testId="llm-memory-enabled" onChange={(enabled) => write({ memory: { windowSize: draft.memory?.windowSize ?? 10, enabled } })} />
          {draft.memory?.enabled ? (
            <Field label="Window (messages)" path="memory.windowSize">
              {(id) => <NumberInput id={id} value={draft.memory?.windowSize} min={1} max={100} disabled={readOnly} onChange={(windowSize) => write({ memory: { enabled: true, windowSize: windowSize ?? 10 } })} />}
            </Field>
          ) : null}
        </PanelSection>
      ) : null}
    </>
  );
}
