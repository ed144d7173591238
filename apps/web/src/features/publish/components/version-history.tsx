'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC, useTRPCClient } from '../../../lib/trpc';
import { Button, useToast } from '../../../ui';
import { toFlowGraph, useEditorActions, useEditorState, type DraftSync, type EditorState } from '../../canvas';

const selectView = (state: EditorState) => state.view;

/** Published versions, newest first: view one on the canvas (read-only) or restore it into the draft. */
export function VersionHistory({ appId, sync }: { appId: string; sync: DraftSync }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const toast = useToast();
  const actions = useEditorActions();
  const view = useEditorState(selectView);
  const versions = useQuery(trpc.versions.list.queryOptions({ appId }));
  const [busy, setBusy] = useState<number | null>(null);

  const show = async (number: number) => {
    setBusy(number);
    try {
      const version = await client.versions.get.query({ appId, number });
      actions.showVersion(number, toFlowGraph(version.graph));
    } catch (error) {
      toast.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  if (versions.isPending) return <p className="p-4 text-xs text-slate-400">Loading versions…</p>;
  if (versions.isError) return <p className="p-4 text-xs text-red-600">{versions.error.message}</p>;
  if (versions.data.length === 0) return <p className="p-4 text-sm text-slate-400" data-testid="versions-empty">Nothing published yet.</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-100" data-testid="version-history">
      {versions.data.map((version) => (
        <li key={version.id} className="flex flex-col gap-1 px-4 py-2" data-testid={`version-${version.number}`}>
          <div className="flex items-center justify-between">
            <span className="text-sm font-semibold">v{version.number}</span>
            <span className="text-xs text-slate-400">{new Date(version.createdAt).toLocaleString()}</span>
          </div>
          <p className="text-xs text-slate-600" data-testid="version-note">
            {version.note || <span className="text-slate-400">No note</span>}
          </p>
          <p className="text-xs text-slate-400">by {version.author?.name ?? 'a deleted user'}</p>
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" busy={busy === version.number} disabled={view.kind === 'version' && view.number === version.number} onClick={() => void show(version.number)} data-testid={`version-view-${version.number}`}>
              View
            </Button>
            <RestoreButton appId={appId} number={version.number} sync={sync} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Copies a version into the draft (as a new draft version) and loads it; the previous draft stays one undo away. */
export function RestoreButton({ appId, number, sync }: { appId: string; number: number; sync: DraftSync }) {
  const client = useTRPCClient();
  const toast = useToast();
  const actions = useEditorActions();
  const [busy, setBusy] = useState(false);
  const restore = async () => {
    if (!window.confirm(`Replace the draft with version ${number}? Undo brings the current draft back.`)) return;
    setBusy(true);
    try {
      actions.backToDraft();
      await sync.flush();
      await client.versions.restore.mutate({ appId, number });
      await sync.reload();
      toast.success(`Draft restored from version ${number}`);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="sm" variant="ghost" busy={busy} onClick={() => void restore()} data-testid={`version-restore-${number}`}>
      Restore
    </Button>
  );
}
