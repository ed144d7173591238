'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { describeError, fieldErrorsOf } from '../../../lib/describe-error';
import { routes } from '../../../lib/routes';
import { useTRPC } from '../../../lib/trpc';
import { Button, ConfirmDialog, Field, Input, TextArea, useToast } from '../../../ui';
import type { KnowledgeBaseView } from '../knowledge-types';
import { chunkSettingsToForm, formToChunkSettings, type ChunkSettingsForm } from '../model/chunk-settings-form';
import { ChunkSettingsFields, type ChunkSettingsProblems } from './chunk-settings-fields';

/** Rename, re-describe, change chunking (for new and retried documents) or the embedding model; delete. */
export function KnowledgeBaseSettings({ knowledgeBase, canEdit }: { knowledgeBase: KnowledgeBaseView; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState(knowledgeBase.name);
  const [description, setDescription] = useState(knowledgeBase.description);
  const [embeddingModel, setEmbeddingModel] = useState(knowledgeBase.embeddingModel);
  const [chunkForm, setChunkForm] = useState<ChunkSettingsForm>(() => chunkSettingsToForm(knowledgeBase.chunkSettings));
  const [chunkProblems, setChunkProblems] = useState<ChunkSettingsProblems>({});
  const [deleting, setDeleting] = useState(false);
  const refresh = () => queryClient.invalidateQueries(trpc.knowledge.pathFilter());
  const update = useMutation(trpc.knowledge.update.mutationOptions({ onSuccess: async () => { await refresh(); toast.success('Knowledge base saved.'); } }));
  const remove = useMutation(
    trpc.knowledge.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        router.push(routes.knowledge);
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(update.error);
  const modelChanged = embeddingModel.trim() !== knowledgeBase.embeddingModel;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chunkSettings = formToChunkSettings(chunkForm);
    setChunkProblems(chunkSettings.ok ? {} : chunkSettings.problems);
    if (!chunkSettings.ok) return;
    update.mutate({
      knowledgeBaseId: knowledgeBase.id,
      name: name.trim(),
      description: description.trim(),
      chunkSettings: chunkSettings.settings,
      ...(modelChanged ? { embeddingModel: embeddingModel.trim() } : {}),
    });
  };

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[1fr_18rem]" data-testid="knowledge-base-settings">
      <form onSubmit={submit} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <fieldset disabled={!canEdit} className="flex flex-col gap-3">
          <Field label="Name" error={fieldErrors.name}>
            {(id) => <Input id={id} required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} data-testid="settings-name" />}
          </Field>
          <Field label="Description" error={fieldErrors.description}>
            {(id) => <TextArea id={id} rows={2} value={description} onChange={(event) => setDescription(event.target.value)} data-testid="settings-description" />}
          </Field>
          <Field
            label="Embedding model"
            error={fieldErrors.embeddingModel}
            hint={modelChanged ? <span className="text-amber-700">Saving clears the vectors and embeds every document again with the new model.</span> : <code>provider:model</code>}
          >
            {(id) => <Input id={id} required className="font-mono" value={embeddingModel} onChange={(event) => setEmbeddingModel(event.target.value)} data-testid="settings-embedding-model" />}
          </Field>
          <ChunkSettingsFields value={chunkForm} problems={chunkProblems} onChange={setChunkForm} />
          <p className="text-xs text-slate-500">New chunk settings apply to documents added or retried from now on; indexed documents keep their chunks.</p>
        </fieldset>
        {update.error && Object.keys(fieldErrors).length === 0 && (
          <p className="text-sm text-red-600" role="alert">
            {describeError(update.error)}
          </p>
        )}
        {canEdit && (
          <div className="flex justify-end">
            <Button type="submit" busy={update.isPending} data-testid="settings-save">
              Save
            </Button>
          </div>
        )}
      </form>
      {canEdit && (
        <section className="flex flex-col gap-2 self-start rounded-lg border border-red-200 bg-white p-4">
          <h3 className="text-sm font-medium text-red-700">Delete this knowledge base</h3>
          <p className="text-xs text-slate-500">Its documents and index go with it; retrieval nodes using it will find nothing.</p>
          <Button variant="danger" onClick={() => setDeleting(true)} data-testid="settings-delete">
            Delete knowledge base
          </Button>
        </section>
      )}
      <ConfirmDialog
        open={deleting}
        title="Delete knowledge base"
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.error ? describeError(remove.error) : undefined}
        onConfirm={() => remove.mutate({ knowledgeBaseId: knowledgeBase.id })}
        onClose={() => {
          setDeleting(false);
          remove.reset();
        }}
        data-testid="delete-knowledge-base-dialog"
      >
        Delete <strong>{knowledgeBase.name}</strong> with all its documents? This cannot be undone.
      </ConfirmDialog>
    </div>
  );
}
