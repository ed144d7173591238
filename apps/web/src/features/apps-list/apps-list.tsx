'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error';
import { useTRPC } from '../../lib/trpc';
import { ConfirmDialog, Button, EmptyState, QueryStates } from '../../ui';
import { hasRole, useWorkspace } from '../session';
import { PageHeader } from '../shell';
import { AppCard, type AppSummary } from './app-card';
import { CreateAppDialog } from './create-app-dialog';
import { RenameAppDialog } from './rename-app-dialog';

/** The workspace's apps: create (workflow or chatflow), open, rename, delete. */
export function AppsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { workspace } = useWorkspace();
  const canEdit = hasRole(workspace.role, 'editor');
  const apps = useQuery(trpc.apps.list.queryOptions({ workspaceId: workspace.id }));
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<AppSummary | null>(null);
  const [deleting, setDeleting] = useState<AppSummary | null>(null);
  const remove = useMutation(
    trpc.apps.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.apps.list.queryKey({ workspaceId: workspace.id }) });
        setDeleting(null);
      },
    }),
  );

  return (
    <div data-testid="apps-page">
      <PageHeader
        title="Apps"
        description="Workflows and chatflows in this workspace."
        actions={
          canEdit && (
            <Button onClick={() => setCreating(true)} data-testid="create-app">
              Create app
            </Button>
          )
        }
      />
      <QueryStates
        query={apps}
        loading="Loading apps…"
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState data-testid="apps-empty">No apps yet. {canEdit ? 'Create a workflow or a chatflow to start.' : 'Ask an editor to create one.'}</EmptyState>}
      >
        {(list) => (
          <ul data-testid="apps-list" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {list.map((app) => (
              <AppCard key={app.id} app={app} canEdit={canEdit} onRename={setRenaming} onDelete={setDeleting} />
            ))}
          </ul>
        )}
      </QueryStates>
      <CreateAppDialog workspaceId={workspace.id} open={creating} onClose={() => setCreating(false)} />
      <RenameAppDialog app={renaming} onClose={() => setRenaming(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete app"
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.error ? describeError(remove.error) : undefined}
        onConfirm={() => deleting && remove.mutate({ appId: deleting.id })}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        data-testid="delete-app-dialog"
      >
        Delete <strong>{deleting?.name}</strong> with its versions, runs and API keys? Clients using its keys stop working. This cannot be undone.
      </ConfirmDialog>
    </div>
  );
}
