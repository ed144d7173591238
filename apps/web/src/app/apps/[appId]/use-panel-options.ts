'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AppMode, PanelOptions } from '../../../node-ui';
import { useTRPC } from '../../../lib/trpc';

/** Choices the node panels offer: configured providers (model id prefixes) and knowledge bases. */
export function usePanelOptionsData(workspaceId: string, appMode: AppMode): PanelOptions {
  const trpc = useTRPC();
  const providers = useQuery(trpc.providers.list.queryOptions({ workspaceId }));
  const providerData = providers.data;
  return useMemo(
    () => ({
      appMode,
      providerNames: (providerData ?? []).map((provider) => provider.name),
      // knowledge.list is not wired into the builder API yet: ids are typed until it is.
      knowledgeBases: undefined,
    }),
    [appMode, providerData],
  );
}
