import type { PrismaClient } from '@weft/db';
import { AppError } from '../errors';
import { hasRole, type MembershipRole, type WorkspaceAccess } from '../services/members-access';

/** The signed-in user's standing in the workspace that owns a knowledge base. */
export interface KnowledgeAccess extends WorkspaceAccess {
  knowledgeBaseId: string;
}

/**
 * The knowledge base's workspace membership in one read. A knowledge base of a workspace the user is not in is
 * reported as not found, so ids of other workspaces are not confirmed.
 */
export async function requireKnowledgeAccess(
  prisma: PrismaClient,
  userId: string,
  knowledgeBaseId: string,
  minRole: MembershipRole,
): Promise<KnowledgeAccess> {
  const knowledgeBase = await prisma.knowledgeBase.findUnique({
    where: { id: knowledgeBaseId },
    select: { workspaceId: true, workspace: { select: { name: true, memberships: { where: { userId }, select: { role: true } } } } },
  });
  const role = knowledgeBase?.workspace.memberships[0]?.role;
  if (!knowledgeBase || !role) {
    throw new AppError('not_found', `Knowledge base "${knowledgeBaseId}" was not found, or you have no access to it. Check the id, or ask an admin of its workspace to add you.`);
  }
  if (!hasRole(role, minRole)) {
    throw new AppError(
      'forbidden',
      `You are a${role === 'admin' || role === 'owner' ? 'n' : ''} ${role} in workspace "${knowledgeBase.workspace.name}"; changing its knowledge bases needs the ${minRole} role or higher. Ask a workspace admin to change your role.`,
      { details: { role, requiredRole: minRole } },
    );
  }
  return { userId, workspaceId: knowledgeBase.workspaceId, role, knowledgeBaseId };
}
