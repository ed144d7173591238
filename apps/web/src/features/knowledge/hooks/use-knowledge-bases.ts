'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../lib/trpc';

/** The workspace's knowledge bases (list screen, and the retrieval node's picker). */
export function useKnowledgeBases(workspaceId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.knowledge.list.queryOptions({ workspaceId }));
}

export function useKnowledgeBase(knowledgeBaseId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.knowledge.get.queryOptions({ knowledgeBaseId }));
}
