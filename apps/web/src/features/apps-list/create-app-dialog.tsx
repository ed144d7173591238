'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { describeError, fieldErrorsOf } from '../../lib/describe-error';
import { useTRPC, type RouterInputs } from '../../lib/trpc';
import { Dialog, Field, FormDialogActions, Input, TextArea } from '../../ui';

type AppMode = RouterInputs['apps']['create']['mode'];

const modes: Array<{ mode: AppMode; title: string; description: string }> = [
  { mode: 'workflow', title: 'Workflow', description: 'Runs once per request: inputs in, outputs out (batch jobs, automations).' },
  { mode: 'chatflow', title: 'Chatflow', description: 'A conversation with memory: each message runs the graph and streams an answer.' },
];

export function CreateAppDialog({ workspaceId, open, onClose }: { workspaceId: string; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<AppMode>('workflow');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation(
    trpc.apps.create.mutationOptions({
      onSuccess: async (app) => {
        await queryClient.invalidateQueries({ queryKey: trpc.apps.list.queryKey({ workspaceId }) });
        setName('');
        setDescription('');
        onClose();
        router.push(`/apps/${app.id}`);
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ workspaceId, mode, name, description });
  };

  return (
    <Dialog open={open} onClose={onClose} title="Create an app" data-testid="create-app-dialog">
      <form id="create-app-form" onSubmit={submit} className="flex flex-col gap-3">
        <div role="radiogroup" aria-label="App type" className="grid grid-cols-2 gap-2">
          {modes.map((option) => (
            <button
              key={option.mode}
              type="button"
              role="radio"
              aria-checked={mode === option.mode}
              data-testid={`create-app-mode-${option.mode}`}
              onClick={() => setMode(option.mode)}
              className={`rounded-lg border p-3 text-left text-sm ${mode === option.mode ? 'border-brand-500 bg-brand-50 ring-2 ring-brand-500/20' : 'border-slate-200 hover:border-slate-300'}`}
            >
              <div className="font-medium">{option.title}</div>
              <div className="mt-1 text-xs text-slate-500">{option.description}</div>
            </button>
          ))}
        </div>
        <Field label="Name" error={fieldErrors.name}>
          {(id) => <Input id={id} required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} data-testid="create-app-name" />}
        </Field>
        <Field label="Description (optional)" error={fieldErrors.description}>
          {(id) => <TextArea id={id} rows={2} value={description} onChange={(event) => setDescription(event.target.value)} data-testid="create-app-description" />}
        </Field>
        {create.error && Object.keys(fieldErrors).length === 0 && <p className="text-sm text-red-600">{describeError(create.error)}</p>}
      </form>
      <FormDialogActions form="create-app-form" submitLabel="Create" onCancel={onClose} busy={create.isPending} data-testid="create-app-submit" />
    </Dialog>
  );
}
