import { z } from 'zod';
import type { AppServices } from './app-services';
import type { MembershipRole, WorkspaceAccess } from './members-access';

type Services = Pick<AppServices, 'prisma'>;

export const workspaceNameSchema = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
export const createWorkspaceInputSchema = z.object({ name: workspaceNameSchema });
export const renameWorkspaceInputSchema = z.object({ name: workspaceNameSchema });

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: MembershipRole;
  createdAt: Date;
}

export async function listWorkspaces(services: Services, userId: string): Promise<WorkspaceSummary[]> {
  const memberships = await services.prisma.membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: { id: true, name: true, createdAt: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return memberships.map(({ role, workspace }) => ({ ...workspace, role }));
}

/** Any signed-in user may create a workspace; they become its owner. */
export async function createWorkspace(services: Services, userId: string, input: z.infer<typeof createWorkspaceInputSchema>): Promise<WorkspaceSummary> {
  const workspace = await services.prisma.workspace.create({
    data: { name: input.name, memberships: { create: { userId, role: 'owner' } } },
    select: { id: true, name: true, createdAt: true },
  });
  return { ...workspace, role: 'owner' };
}

export async function renameWorkspace(
  services: Services,
  access: WorkspaceAccess,
  input: z.infer<typeof renameWorkspaceInputSchema>,
): Promise<{ id: string; name: string }> {
  return services.prisma.workspace.update({ where: { id: access.workspaceId }, data: { name: input.name }, select: { id: true, name: true } });
}
