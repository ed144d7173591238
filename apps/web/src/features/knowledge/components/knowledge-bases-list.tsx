'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../../lib/describe-error';
import { useTRPC } from '../../../lib/trpc';
import { Button, ConfirmDialog, EmptyState, QueryStates } from '../../../ui';
import { hasRole, useWorkspace } from '../../session';
import { PageHeader } from '../../shell';
import { useKnowledgeBases } from '../hooks/use-knowledge-bases';
import type { KnowledgeBaseView } from '../knowledge-types';
import { CreateKnowledgeBaseDialog } from './create-knowledge-base-dialog';
import { KnowledgeBaseCard } from './knowledge-base-card';

/** The workspace's knowledge bases: create (name, embedding model, chunking), open, delete. */
export function KnowledgeBasesList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { workspace } = useWorkspace();
  const canEdit = hasRole(workspace.role, 'editor');
  const knowledgeBases = useKnowledgeBases(workspace.id);
  const providers = useQuery(trpc.providers.list.queryOptions({ workspaceId: workspace.id }));
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<KnowledgeBaseView | null>(null);
  const remove = useMutation(
    trpc.knowledge.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.knowledge.list.queryKey({ workspaceId: workspace.id }) });
        setDeleting(null);
      },
    }),
  );

  return (
    <div data-testid="knowledge-page">
      <PageHeader
        title="Knowledge"
        description="Documents your workflows search: upload files or paste text, and test what a query finds."
        actions={
          canEdit && (
            <Button onClick={() => setCreating(true)} data-testid="create-knowledge-base">
              Create knowledge base
            </Button>
          )
        }
      />
      <QueryStates
        query={knowledgeBases}
        loading="Loading knowledge bases…"
        errorTestId="knowledge-bases-error"
        isEmpty={(list) => list.length === 0}
        empty={
          <EmptyState data-testid="knowledge-bases-empty">
            No knowledge bases yet. {canEdit ? 'Create one, add documents, then pick it in a Knowledge retrieval node.' : 'Ask an editor to create one.'}
          </EmptyState>
        }
      >
        {(list) => (
          <ul data-testid="knowledge-bases-list" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {list.map((knowledgeBase) => (
              <KnowledgeBaseCard key={knowledgeBase.id} knowledgeBase={knowledgeBase} canEdit={canEdit} onDelete={setDeleting} />
            ))}
          </ul>
        )}
      </QueryStates>
      <CreateKnowledgeBaseDialog workspaceId={workspace.id} open={creating} providerNames={(providers.data ?? []).map((provider) => provider.name)} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete knowledge base"
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.error ? describeError(remove.error) : undefined}
        onConfirm={() => deleting && remove.mutate({ knowledgeBaseId: deleting.id })}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        data-testid="delete-knowledge-base-dialog"
      >
        Delete <strong>{deleting?.name}</strong> with all its documents and their index? Retrieval nodes that use it will find nothing. This cannot be undone.
      </ConfirmDialog>
    </div>
  );
}
