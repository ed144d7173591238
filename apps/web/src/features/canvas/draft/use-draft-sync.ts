'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC, useTRPCClient } from '../../../lib/trpc';
import { useStoreSlice } from '../store/create-store';
import { useEditorActions, useEditorStore } from '../store/editor-context';
import { createDraftSync, type DraftSync, type DraftSyncState } from './draft-sync';

const selectAll = (state: DraftSyncState) => state;

/** How old the editor screen's draft prefetch may be when the sync takes it over. */
const draftPrefetchFreshMs = 5_000;

/** Starts loading an app's draft before the editor mounts (alongside the app itself); `useDraftSync` takes it over. */
export function usePrefetchDraft(appId: string): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchQuery(trpc.drafts.get.queryOptions({ appId }));
  }, [appId, queryClient, trpc]);
}

/** Loads the app's draft into the editor and keeps it saved; one sync per mounted editor. */
export function useDraftSync(appId: string): { sync: DraftSync; state: DraftSyncState } {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const store = useEditorStore();
  const actions = useEditorActions();
  const [sync] = useState(() =>
    createDraftSync(
      {
        load: async () => {
          // Takes over the editor screen's prefetch (in flight or just landed), once: later loads go to the server.
          const options = trpc.drafts.get.queryOptions({ appId });
          const draft = await queryClient.fetchQuery({ ...options, staleTime: draftPrefetchFreshMs });
          queryClient.removeQueries({ queryKey: options.queryKey, exact: true });
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
