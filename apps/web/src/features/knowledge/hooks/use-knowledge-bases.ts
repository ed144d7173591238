'use client';
import { useQuery } from '@tanstack/react-query';
import { knowledgeKeys, useKnowledgeApi } from '../knowledge-api';

/** The workspace's knowledge bases (list screen, and the retrieval node's picker). */
export function useKnowledgeBases(workspaceId: string) {
  const api = useKnowledgeApi();
  return useQuery({ queryKey: knowledgeKeys.list(workspaceId), queryFn: () => api.list.query({ workspaceId }) });
}

export function useKnowledgeBase(knowledgeBaseId: string) {
  const api = useKnowledgeApi();
  return useQuery({ queryKey: knowledgeKeys.base(knowledgeBaseId), queryFn: () => api.get.query({ knowledgeBaseId }) });
}
