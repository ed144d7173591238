'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';

export type Me = NonNullable<RouterOutputs['auth']['me']>;
export type WorkspaceRole = Me['workspaces'][number]['role'];
export type WorkspaceSummary = Me['workspaces'][number];

/** The signed-in user and their workspaces (`data` is null when signed out), and whether weft needs its owner. */
export function useSession() {
  const trpc = useTRPC();
  const status = useQuery(trpc.auth.status.queryOptions(undefined, { staleTime: 60_000 }));
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 30_000 }));
  return {
    needsSetup: status.data?.needsSetup,
    me: me.data,
    isLoading: status.isPending || me.isPending,
    error: status.error ?? me.error,
  };
}

const roleRank: Record<WorkspaceRole, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

/** Whether `role` may do what needs at least `minimum` (the API checks again; this only hides dead buttons). */
export function hasRole(role: WorkspaceRole, minimum: WorkspaceRole): boolean {
  return roleRank[role] >= roleRank[minimum];
}
