'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { IngestProgress } from '@weft/knowledge/spec';
import { useEffect, useState } from 'react';
import { applyProgress, isSettled, progressPollInterval } from '../document-progress';
import { knowledgeKeys, useKnowledgeApi, type DocumentView } from '../knowledge-api';

/** A tracked SSE event arrives as `{ id, data }`; a plain one as the data itself. */
function progressOf(event: IngestProgress | { id: string; data: IngestProgress }): IngestProgress {
  return 'data' in event && typeof event.data === 'object' ? event.data : (event as IngestProgress);
}

/**
 * The knowledge base's documents, kept live: `documents.progress` events are folded into the cached list as they
 * come; while the stream is down (not started, failed, reconnecting) and a document is in progress, the list is
 * polled instead. A document that settles triggers one refetch for its final counts (segments, tokens).
 */
export function useDocuments(knowledgeBaseId: string) {
  const api = useKnowledgeApi();
  const queryClient = useQueryClient();
  const [streamLive, setStreamLive] = useState(false);
  const queryKey = knowledgeKeys.documents(knowledgeBaseId);

  const documents = useQuery({
    queryKey,
    queryFn: () => api.documents.list.query({ knowledgeBaseId }),
    refetchInterval: (query) => progressPollInterval(query.state.data, streamLive),
  });

  useEffect(() => {
    const key = knowledgeKeys.documents(knowledgeBaseId);
    const subscription = api.documents.progress.subscribe(
      { knowledgeBaseId },
      {
        onStarted: () => setStreamLive(true),
        onData: (event) => {
          setStreamLive(true);
          const progress = progressOf(event as IngestProgress | { id: string; data: IngestProgress });
          const before = queryClient.getQueryData<DocumentView[]>(key);
          if (!before?.some((document) => document.id === progress.documentId)) {
            void queryClient.invalidateQueries({ queryKey: key });
            return;
          }
          queryClient.setQueryData<DocumentView[]>(key, (list) => (list ? applyProgress(list, progress) : list));
          if (isSettled(progress.status)) void queryClient.invalidateQueries({ queryKey: key });
        },
        onError: () => setStreamLive(false),
      },
    );
    return () => {
      subscription.unsubscribe();
      setStreamLive(false);
    };
  }, [api, knowledgeBaseId, queryClient]);

  return { documents, streamLive };
}
