'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { describeError, fieldErrorsOf } from '../../../lib/describe-error';
import { routes } from '../../../lib/routes';
import { useTRPC } from '../../../lib/trpc';
import { Dialog, Field, FormDialogActions, Input, TextArea } from '../../../ui';
import { defaultChunkSettingsForm, formToChunkSettings, type ChunkSettingsForm } from '../model/chunk-settings-form';
import { ChunkSettingsFields, type ChunkSettingsProblems } from './chunk-settings-fields';

/** The built-in embedding model: runs in the server process, no provider needed. */
export const defaultEmbeddingModel = 'local:use-lite';

interface CreateKnowledgeBaseDialogProps {
  workspaceId: string;
  open: boolean;
  /** Configured provider names, offered as `name:` prefixes for the embedding model. */
  providerNames: string[];
  onClose(): void;
}

export function CreateKnowledgeBaseDialog({ workspaceId, open, providerNames, onClose }: CreateKnowledgeBaseDialogProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [embeddingModel, setEmbeddingModel] = useState(defaultEmbeddingModel);
  const [chunkForm, setChunkForm] = useState<ChunkSettingsForm>(defaultChunkSettingsForm);
  const [chunkProblems, setChunkProblems] = useState<ChunkSettingsProblems>({});
  const create = useMutation(
    trpc.knowledge.create.mutationOptions({
    onSuccess: async (knowledgeBase) => {
      await queryClient.invalidateQueries({ queryKey: trpc.knowledge.list.queryKey({ workspaceId }) });
      setName('');
      setDescription('');
      setChunkForm(defaultChunkSettingsForm);
      onClose();
      router.push(routes.knowledgeBase(knowledgeBase.id));
    },
    }),
  );
  const fieldErrors = fieldErrorsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chunkSettings = formToChunkSettings(chunkForm);
    setChunkProblems(chunkSettings.ok ? {} : chunkSettings.problems);
    if (!chunkSettings.ok) return;
    create.mutate({ workspaceId, name: name.trim(), description: description.trim(), embeddingModel: embeddingModel.trim(), chunkSettings: chunkSettings.settings });
  };
  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} title="Create a knowledge base" data-testid="create-knowledge-base-dialog">
      <form id="create-knowledge-base-form" onSubmit={submit} className="flex flex-col gap-3">
        <Field label="Name" error={fieldErrors.name}>
          {(id) => <Input id={id} required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} data-testid="knowledge-base-name" />}
        </Field>
        <Field label="Description (optional)" error={fieldErrors.description} hint="Helps you and your team pick the right base in a workflow.">
          {(id) => <TextArea id={id} rows={2} value={description} onChange={(event) => setDescription(event.target.value)} data-testid="knowledge-base-description" />}
        </Field>
        <Field
          label="Embedding model"
          error={fieldErrors.embeddingModel}
          hint={
            <>
              <code>provider:model</code>. <code>{defaultEmbeddingModel}</code> runs on this server with no provider. It cannot be changed later.
            </>
          }
        >
          {(id) => (
            <>
              <Input id={id} required list={`${id}-models`} className="font-mono" value={embeddingModel} onChange={(event) => setEmbeddingModel(event.target.value)} data-testid="knowledge-base-embedding-model" />
              <datalist id={`${id}-models`}>
                <option value={defaultEmbeddingModel} />
                {providerNames.map((provider) => (
                  <option key={provider} value={`${provider}:text-embedding-3-small`} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <ChunkSettingsFields value={chunkForm} problems={chunkProblems} onChange={setChunkForm} />
        {create.error && Object.keys(fieldErrors).length === 0 && (
          <p className="text-sm text-red-600" role="alert" data-testid="create-knowledge-base-error">
            {describeError(create.error)}
          </p>
        )}
      </form>
      <FormDialogActions form="create-knowledge-base-form" submitLabel="Create" onCancel={close} busy={create.isPending} data-testid="create-knowledge-base-submit" />
    </Dialog>
  );
}
