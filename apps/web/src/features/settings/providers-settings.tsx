'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { Badge, Button, ConfirmDialog, EmptyState, QueryStates } from '../../ui';
import { hasRole, useWorkspace } from '../session';
import { ProviderFormDialog, type ProviderView } from './provider-form-dialog';
import { TestConnection } from './test-connection';

/** Model providers of the workspace: add, edit, delete, test the connection. */
export function ProvidersSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { workspace } = useWorkspace();
  const isAdmin = hasRole(workspace.role, 'admin');
  const providers = useQuery(trpc.providers.list.queryOptions({ workspaceId: workspace.id }));
  const [editing, setEditing] = useState<ProviderView | undefined>(undefined);
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<ProviderView | null>(null);
  const remove = useMutation(
    trpc.providers.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.providers.list.queryKey({ workspaceId: workspace.id }) });
        setDeleting(null);
      },
    }),
  );
  const openForm = (provider?: ProviderView) => {
    setEditing(provider);
    setFormOpen(true);
  };

  return (
    <section data-testid="providers-settings">
      <div className="mb-3 flex items-center justify-between">
        <p className="text-sm text-slate-500">LLM and embedding providers. Keys are encrypted at rest and never shown again.</p>
        {isAdmin && (
          <Button onClick={() => openForm()} data-testid="add-provider">
            Add provider
          </Button>
        )}
      </div>
      <QueryStates
        query={providers}
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState data-testid="providers-empty">No providers yet. Add OpenAI or any OpenAI-compatible server so LLM nodes can call a model.</EmptyState>}
      >
        {(list) => (
          <ul className="flex flex-col gap-2">
            {list.map((provider) => (
              <li key={provider.id} data-testid="provider-row" data-provider-name={provider.name} className="rounded-lg border border-slate-200 bg-white p-4">
                <div className="flex items-center gap-2">
                  <span className="font-medium">{provider.name}</span>
                  <Badge>{provider.kind === 'openai' ? 'OpenAI-compatible' : 'local embeddings'}</Badge>
                  {provider.hasApiKey && <Badge tone={provider.apiKeyHint === 'unreadable' ? 'danger' : 'neutral'}>key {provider.apiKeyHint}</Badge>}
                  <span className="ml-auto text-xs text-slate-400">updated {formatDateTime(provider.updatedAt)}</span>
                  {isAdmin && (
                    <>
                      <Button variant="ghost" size="sm" onClick={() => openForm(provider)} data-testid="provider-edit">
                        Edit
                      </Button>
                      <Button variant="ghost-danger" size="sm" onClick={() => setDeleting(provider)} data-testid="provider-delete">
                        Delete
                      </Button>
                    </>
                  )}
                </div>
                <div className="mt-1 text-xs text-slate-500">{provider.kind === 'openai' ? (provider.baseUrl ?? 'https://api.openai.com/v1') : 'runs inside weft'}</div>
                {isAdmin && (
                  <div className="mt-3">
                    <TestConnection workspaceId={workspace.id} provider={provider} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
      <ProviderFormDialog workspaceId={workspace.id} open={formOpen} provider={editing} onClose={() => setFormOpen(false)} />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete provider"
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.error ? describeError(remove.error) : undefined}
        onConfirm={() => deleting && remove.mutate({ workspaceId: workspace.id, providerId: deleting.id })}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        Delete <strong>{deleting?.name}</strong>? Nodes using its models fail until you pick another provider.
      </ConfirmDialog>
    </section>
  );
}
