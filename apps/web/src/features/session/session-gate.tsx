'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { describeError } from '../../lib/describe-error';
import { useSession } from './use-session';
import { WorkspaceContext, type WorkspaceContextValue } from './workspace-context';

const selectedWorkspaceKey = 'weft.workspaceId';

function FullPageMessage({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <div data-testid={testId} className="flex min-h-screen items-center justify-center text-sm text-slate-500">
      {children}
    </div>
  );
}

/**
 * Renders its children only for a signed-in user with a workspace; sends everyone else to the owner setup (first
 * run) or the sign-in page, remembering where they were going.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const { me, needsSetup, isLoading, error } = useSession();
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    setSelectedId(window.localStorage.getItem(selectedWorkspaceKey));
  }, []);

  useEffect(() => {
    if (isLoading || error) return;
    if (needsSetup) router.replace('/setup');
    else if (!me) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [isLoading, error, needsSetup, me, router, pathname]);

  const selectWorkspace = useCallback((workspaceId: string) => {
    window.localStorage.setItem(selectedWorkspaceKey, workspaceId);
    setSelectedId(workspaceId);
  }, []);

  const value = useMemo<WorkspaceContextValue | null>(() => {
    const workspace = me?.workspaces.find((candidate) => candidate.id === selectedId) ?? me?.workspaces[0];
    if (!me || !workspace) return null;
    return { user: me.user, workspace, workspaces: me.workspaces, selectWorkspace };
  }, [me, selectedId, selectWorkspace]);

  if (error) return <FullPageMessage testId="session-error">{describeError(error)}</FullPageMessage>;
  if (isLoading || !me) return <FullPageMessage testId="session-loading">Loading…</FullPageMessage>;
  if (!value) {
    return (
      <FullPageMessage testId="session-no-workspace">
        You are not a member of any workspace. Ask a workspace admin to add you.
      </FullPageMessage>
    );
  }
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}
