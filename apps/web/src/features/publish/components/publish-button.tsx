'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC, useTRPCClient } from '../../../lib/trpc';
import { Button, Dialog, useToast } from '../../../ui';
import { useEditorActions, type DraftSync } from '../../canvas';
import { readPublishProblems } from '../model/publish-problems';

/** Saves the draft, then publishes it as the next version with a note; compile problems block it and show up. */
export function PublishButton({ appId, sync, disabled }: { appId: string; sync: DraftSync; disabled: boolean }) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const actions = useEditorActions();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await sync.flush();
      if (sync.state.getState().status === 'conflict') throw new Error('The draft has a save conflict: resolve it (banner above the canvas) before publishing.');
      const version = await client.versions.publish.mutate({ appId, note });
      actions.setProblems([]);
      setOpen(false);
      setNote('');
      toast.success(`Published version ${version.number}`);
      await queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey() });
    } catch (failure) {
      const problems = readPublishProblems(failure);
      if (problems) actions.setProblems(problems);
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="sm" disabled={disabled} onClick={() => setOpen(true)} data-testid="publish-open">
        Publish
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Publish a new version"
        data-testid="publish-dialog"
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button busy={busy} onClick={() => void publish()} data-testid="publish-confirm">
              Publish
            </Button>
          </>
        }
      >
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Note (what changed)
          <textarea className="rounded border border-slate-300 px-2 py-1 text-sm" rows={3} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} data-testid="publish-note" />
        </label>
        {error ? (
          <p className="rounded bg-red-50 p-2 text-xs text-red-700" role="alert" data-testid="publish-error">
            {error}
          </p>
        ) : null}
      </Dialog>
    </>
  );
}
