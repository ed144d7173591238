'use client';

import { createContext, useContext } from 'react';
import type { Me, WorkspaceSummary } from './use-session';

export interface WorkspaceContextValue {
  user: Me['user'];
  workspace: WorkspaceSummary;
  workspaces: WorkspaceSummary[];
  selectWorkspace(workspaceId: string): void;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

/** The signed-in user and the workspace they work in; only inside <SessionGate>. */
export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace() needs <SessionGate> (or <WorkspaceShell>) above it.');
  return value;
}
