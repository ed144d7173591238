import type { WorkspaceRole } from '../session';

export const workspaceRoles: readonly WorkspaceRole[] = ['owner', 'admin', 'editor', 'viewer'];

export const roleDescriptions: Record<WorkspaceRole, string> = {
  owner: 'Everything, including managing owners.',
  admin: 'Manage members (except owners), providers and API keys.',
  editor: 'Build, run and publish apps and knowledge bases.',
  viewer: 'See apps, runs and knowledge bases; change nothing.',
};

/** Only owners hand out (or take away) the owner role; the API enforces the same rule. */
export function assignableRoles(myRole: WorkspaceRole): WorkspaceRole[] {
  return workspaceRoles.filter((role) => role !== 'owner' || myRole === 'owner');
}
