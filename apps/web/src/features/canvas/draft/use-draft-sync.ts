'use client';
import { useEffect, useState } from 'react';
import { useTRPCClient } from '../../../lib/trpc';
import { useStoreSlice } from '../store/create-store';
import { useEditorActions, useEditorStore } from '../store/editor-context';
import { createDraftSync, type DraftSync, type DraftSyncState } from './draft-sync';

const selectAll = (state: DraftSyncState) => state;

/** Loads the app's draft into the editor and keeps it saved; one sync per mounted editor. */
export function useDraftSync(appId: string): { sync: DraftSync; state: DraftSyncState } {
  const client = useTRPCClient();
  const store = useEditorStore();
  const actions = useEditorActions();
  const [sync] = useState(() =>
    createDraftSync(
      {
        load: async () => {
          const draft = await client.drafts.get.query({ appId });
          return { graph: draft.graph, version: draft.version };
        },
        save: (graph, baseVersion) => client.drafts.save.mutate({ appId, graph, baseVersion }),
      },
      { store, actions },
    ),
  );

  useEffect(() => {
    sync.start().catch((error: unknown) => sync.state.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) }));
    const beforeUnload = (event: BeforeUnloadEvent) => {
      const status = sync.state.getState().status;
      if (status === 'dirty' || status === 'saving' || status === 'conflict') {
        void sync.flush();
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      void sync.flush().finally(() => sync.stop());
    };
  }, [sync]);

  return { sync, state: useStoreSlice(sync.state, selectAll) };
}
