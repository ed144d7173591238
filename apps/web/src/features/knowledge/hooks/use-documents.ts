'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC, useTRPCClient } from '../../../lib/trpc';
import { applyProgress, isSettled, progressPollInterval } from '../document-progress';
import type { DocumentView } from '../knowledge-types';

/**
 * The knowledge base's documents, kept live: `documents.progress` events are folded into the cached list as they
 * come; while the stream is down (not started, failed, reconnecting) and a document is in progress, the list is
 * polled instead. A document that settles (or one the list does not know yet) triggers one refetch.
 */
export function useDocuments(knowledgeBaseId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [streamLive, setStreamLive] = useState(false);
  const listOptions = trpc.knowledge.documents.list.queryOptions({ knowledgeBaseId });

  const documents = useQuery({ ...listOptions, refetchInterval: (query) => progressPollInterval(query.state.data, streamLive) });

  useEffect(() => {
    const queryKey = trpc.knowledge.documents.list.queryKey({ knowledgeBaseId });
    const subscription = client.knowledge.documents.progress.subscribe(
      { knowledgeBaseId },
      {
        onStarted: () => setStreamLive(true),
        onData: (progress) => {
          setStreamLive(true);
          const before = queryClient.getQueryData<DocumentView[]>(queryKey);
          if (!before?.some((document) => document.id === progress.documentId)) {
            void queryClient.invalidateQueries({ queryKey });
            return;
          }
          queryClient.setQueryData<DocumentView[]>(queryKey, (list) => (list ? applyProgress(list, progress) : list));
          if (isSettled(progress.status)) void queryClient.invalidateQueries({ queryKey });
        },
        onError: () => setStreamLive(false),
        onConnectionStateChange: (state) => setStreamLive(state.state === 'pending'),
      },
    );
    return () => {
      subscription.unsubscribe();
      setStreamLive(false);
    };
  }, [client, trpc, knowledgeBaseId, queryClient]);

  return { documents, streamLive };
}
