'use client';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import Link from 'next/link';
import { routes } from '../../../lib/routes';
import { EditorProvider, usePrefetchDraft } from '../../../features/canvas';
import { RunSessionProvider } from '../../../features/runs';
import { useTRPC } from '../../../lib/trpc';
import { EditorLayout } from './editor-layout';

/** Loads the app (and, in parallel, its draft), then mounts one editor (graph store, run session, React Flow) for it. */
export function EditorScreen({ appId }: { appId: string }) {
  const trpc = useTRPC();
  const app = useQuery(trpc.apps.get.queryOptions({ appId }));
  // The draft does not depend on the app record: fetch both at once instead of one after the other.
  usePrefetchDraft(appId);
  if (app.isPending) return <p className="p-8 text-sm text-slate-400">Loading the editor…</p>;
  if (app.isError) {
    return (
      <div className="flex flex-col gap-2 p-8" role="alert" data-testid="editor-load-error">
        <p className="text-sm text-red-700">{app.error.message}</p>
        <Link className="text-sm text-brand-600 underline" href={routes.apps}>
          Back to your apps
        </Link>
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorProvider appId={appId} mode={app.data.mode}>
        <RunSessionProvider>
          <EditorLayout app={{ id: app.data.id, name: app.data.name, mode: app.data.mode, workspaceId: app.data.workspaceId }} />
        </RunSessionProvider>
      </EditorProvider>
    </ReactFlowProvider>
  );
}
