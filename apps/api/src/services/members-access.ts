import { z } from 'zod';
import type { PrismaClient } from '@weft/db';
import { AppError } from '../errors';

/** Workspace roles, strongest first: owner > admin > editor > viewer. */
export const membershipRoles = ['owner', 'admin', 'editor', 'viewer'] as const;
export const membershipRoleSchema = z.enum(membershipRoles);
export type MembershipRole = z.infer<typeof membershipRoleSchema>;

/** Ids in inputs: any non-empty text (rows that do not exist are reported as not found). */
export const entityIdSchema = z.string().trim().min(1, 'is required').max(100, 'is not an id (too long)');

const rank: Record<MembershipRole, number> = { owner: 4, admin: 3, editor: 2, viewer: 1 };

/** What each role adds, for messages that say what the missing role would allow. */
const roleAbilities: Record<MembershipRole, string> = {
  viewer: 'read this workspace',
  editor: 'edit apps and drafts, publish and run them',
  admin: 'manage members, model providers and API keys',
  owner: 'manage owners',
};

export function hasRole(role: MembershipRole, minRole: MembershipRole): boolean {
  return rank[role] >= rank[minRole];
}

/** The signed-in user's standing in one workspace, checked against the procedure's minimum role. */
export interface WorkspaceAccess {
  userId: string;
  workspaceId: string;
  role: MembershipRole;
}

export interface AppAccess extends WorkspaceAccess {
  appId: string;
  appMode: 'workflow' | 'chatflow';
}

function forbidden(role: MembershipRole, minRole: MembershipRole, workspaceName: string): AppError {
  return new AppError(
    'forbidden',
    `You are ${role === 'admin' || role === 'owner' ? 'an' : 'a'} ${role} in workspace "${workspaceName}"; this needs the ${minRole} role or higher ` +
      `(to ${roleAbilities[minRole]}). Ask a workspace admin to change your role.`,
    { details: { role, requiredRole: minRole } },
  );
}

/** Membership check; a non-member gets not_found so workspace ids of others are not confirmed. */
export async function requireWorkspaceAccess(
  prisma: PrismaClient,
  userId: string,
  workspaceId: string,
  minRole: MembershipRole,
): Promise<WorkspaceAccess> {
  const membership = await prisma.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true, workspace: { select: { name: true } } },
  });
  if (!membership) {
    throw new AppError('not_found', `Workspace "${workspaceId}" was not found, or you are not a member of it. Check the id, or ask one of its admins to add you.`);
  }
  if (!hasRole(membership.role, minRole)) throw forbidden(membership.role, minRole, membership.workspace.name);
  return { userId, workspaceId, role: membership.role };
}

/** The app's workspace membership in one read; apps of workspaces the user is not in are not_found. */
export async function requireAppAccess(prisma: PrismaClient, userId: string, appId: string, minRole: MembershipRole): Promise<AppAccess> {
  const app = await prisma.app.findUnique({
    where: { id: appId },
    select: {
      workspaceId: true,
      mode: true,
      workspace: { select: { name: true, memberships: { where: { userId }, select: { role: true } } } },
    },
  });
  const role = app?.workspace.memberships[0]?.role;
  if (!app || !role) {
    throw new AppError('app_not_found', `App "${appId}" was not found, or you have no access to it. Check the app id, or ask an admin of its workspace to add you.`);
  }
  if (!hasRole(role, minRole)) throw forbidden(role, minRole, app.workspace.name);
  return { userId, workspaceId: app.workspaceId, role, appId, appMode: app.mode };
}
