'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { describeError } from '../../lib/describe-error';
import { useTRPC } from '../../lib/trpc';
import { Dialog, Field, FormDialogActions, Input } from '../../ui';

export interface RenameTarget {
  id: string;
  name: string;
  workspaceId: string;
}

export function RenameAppDialog({ app, onClose }: { app: RenameTarget | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  useEffect(() => setName(app?.name ?? ''), [app]);
  const rename = useMutation(
    trpc.apps.update.mutationOptions({
      onSuccess: async (updated) => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.apps.list.queryKey({ workspaceId: updated.workspaceId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.apps.get.queryKey({ appId: updated.id }) }),
        ]);
        onClose();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (app) rename.mutate({ appId: app.id, name });
  };
  return (
    <Dialog open={app !== null} onClose={onClose} title="Rename app" data-testid="rename-app-dialog">
      <form id="rename-app-form" onSubmit={submit}>
        <Field label="Name" error={rename.error ? describeError(rename.error) : undefined}>
          {(id) => <Input id={id} required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} data-testid="rename-app-name" autoFocus />}
        </Field>
      </form>
      <FormDialogActions form="rename-app-form" submitLabel="Save" onCancel={onClose} busy={rename.isPending} data-testid="rename-app-submit" />
    </Dialog>
  );
}
