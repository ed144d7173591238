'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { describeError, fieldErrorsOf } from '../../lib/describe-error';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { Dialog, Field, FormDialogActions, Input, Select } from '../../ui';

export type ProviderView = RouterOutputs['providers']['list'][number];
type ProviderKind = ProviderView['kind'];

export interface ProviderFormDialogProps {
  workspaceId: string;
  open: boolean;
  /** Editing this provider; absent → a new one. */
  provider?: ProviderView | undefined;
  onClose: () => void;
}

const emptyForm = { name: '', kind: 'openai' as ProviderKind, baseUrl: '', apiKey: '' };

/**
 * Add or edit a model provider. The stored key is never shown: leaving the key empty while editing keeps it,
 * "Remove key" clears it.
 */
export function ProviderFormDialog({ workspaceId, open, provider, onClose }: ProviderFormDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(emptyForm);
  const [removeKey, setRemoveKey] = useState(false);
  useEffect(() => {
    if (!open) return;
    setForm(provider ? { name: provider.name, kind: provider.kind, baseUrl: provider.baseUrl ?? '', apiKey: '' } : emptyForm);
    setRemoveKey(false);
  }, [open, provider]);

  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.providers.list.queryKey({ workspaceId }) });
    onClose();
  };
  const create = useMutation(trpc.providers.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.providers.update.mutationOptions({ onSuccess: done }));
  const mutation = provider ? update : create;
  const fieldErrors = fieldErrorsOf(mutation.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const baseUrl = form.baseUrl.trim();
    const apiKey = form.apiKey.trim();
    if (provider) {
      update.mutate({
        workspaceId,
        providerId: provider.id,
        name: form.name,
        baseUrl: baseUrl === '' ? null : baseUrl,
        ...(removeKey ? { apiKey: null } : apiKey !== '' ? { apiKey } : {}),
      });
    } else {
      create.mutate({
        workspaceId,
        name: form.name,
        kind: form.kind,
        ...(baseUrl !== '' ? { baseUrl } : {}),
        ...(apiKey !== '' ? { apiKey } : {}),
      });
    }
  };
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((current) => ({ ...current, [key]: event.target.value }));

  return (
    <Dialog open={open} onClose={onClose} title={provider ? `Edit provider ${provider.name}` : 'Add a model provider'} data-testid="provider-dialog">
      <form id="provider-form" onSubmit={submit} className="flex flex-col gap-3">
        <Field label="Name" error={fieldErrors.name} hint='Models are picked as "<name>:<model>", e.g. openai:gpt-4o-mini.'>
          {(id) => <Input id={id} required value={form.name} onChange={set('name')} placeholder="openai" data-testid="provider-name" />}
        </Field>
        <Field label="Kind" error={fieldErrors.kind}>
          {(id) => (
            <Select id={id} value={form.kind} onChange={set('kind')} disabled={provider !== undefined} data-testid="provider-kind">
              <option value="openai">OpenAI or OpenAI-compatible (Ollama, vLLM, LM Studio…)</option>
              <option value="local">Local embedding model (built in)</option>
            </Select>
          )}
        </Field>
        {form.kind === 'openai' && (
          <>
            <Field label="Base URL (optional)" error={fieldErrors.baseUrl} hint="Leave empty for api.openai.com; e.g. http://localhost:11434/v1 for Ollama.">
              {(id) => <Input id={id} type="url" value={form.baseUrl} onChange={set('baseUrl')} placeholder="https://api.openai.com/v1" data-testid="provider-base-url" />}
            </Field>
            <Field
              label="API key"
              error={fieldErrors.apiKey}
              hint={provider?.hasApiKey ? `Stored key ${provider.apiKeyHint ?? ''}: leave empty to keep it.` : 'Stored encrypted; never shown again.'}
            >
              {(id) => (
                <Input id={id} type="password" autoComplete="off" value={form.apiKey} onChange={set('apiKey')} disabled={removeKey} data-testid="provider-api-key" />
              )}
            </Field>
            {provider?.hasApiKey && (
              <label className="flex items-center gap-2 text-sm text-slate-600">
                <input type="checkbox" checked={removeKey} onChange={(event) => setRemoveKey(event.target.checked)} /> Remove the stored key
              </label>
            )}
          </>
        )}
        {mutation.error && Object.keys(fieldErrors).length === 0 && (
          <p className="text-sm text-red-600" data-testid="provider-error">
            {describeError(mutation.error)}
          </p>
        )}
      </form>
      <FormDialogActions form="provider-form" submitLabel="Save" onCancel={onClose} busy={mutation.isPending} data-testid="provider-save" />
    </Dialog>
  );
}
