import { z } from 'zod';
import { isUniqueViolation, type Prisma } from '@weft/db';
import { AppError } from '../errors';
import type { AppServices } from './app-services';
import { hashPassword } from './auth-password';
import { emailSchema, passwordSchema, personNameSchema } from './auth-service';
import { entityIdSchema, membershipRoleSchema, type MembershipRole, type WorkspaceAccess } from './members-access';

type Services = Pick<AppServices, 'prisma'>;

/**
 * Adding a member by email. weft sends no email: when nobody has that email yet, the admin sets an initial
 * password and passes it on; the new member signs in with it. An existing user is added as is (the password, if
 * given, is ignored: an admin never changes another user's password this way).
 */
export const addMemberInputSchema = z.object({
  email: emailSchema,
  role: membershipRoleSchema,
  name: personNameSchema.optional(),
  password: passwordSchema.optional(),
});
export const changeMemberRoleInputSchema = z.object({ userId: entityIdSchema, role: membershipRoleSchema });
export const removeMemberInputSchema = z.object({ userId: entityIdSchema });

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: MembershipRole;
  joinedAt: Date;
}

export async function listMembers(services: Services, access: WorkspaceAccess): Promise<Member[]> {
  const rows = await services.prisma.membership.findMany({
    where: { workspaceId: access.workspaceId },
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => ({ userId: row.user.id, email: row.user.email, name: row.user.name, role: row.role, joinedAt: row.createdAt }));
}

function requireOwnerFor(access: WorkspaceAccess, what: string): void {
  if (access.role !== 'owner') {
    throw new AppError('forbidden', `Only an owner can ${what}; you are an ${access.role}. Ask an owner of this workspace.`);
  }
}

export async function addMember(
  services: Services,
  access: WorkspaceAccess,
  input: z.infer<typeof addMemberInputSchema>,
): Promise<Member & { createdUser: boolean }> {
  if (input.role === 'owner') requireOwnerFor(access, 'make someone an owner');
  const existing = await services.prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (!existing && input.password === undefined) {
    throw new AppError(
      'invalid_param',
      `Nobody has an account with ${input.email} yet: pass "password" (at least 8 characters) to create it, then give that password to them so they can sign in.`,
    );
  }
  const passwordHash = existing || input.password === undefined ? undefined : await hashPassword(input.password);
  try {
    return await services.prisma.$transaction(async (tx) => {
      const user =
        existing ??
        (await tx.user.create({
          data: { email: input.email, name: input.name ?? input.email.split('@')[0] ?? input.email, passwordHash: passwordHash ?? '' },
          select: { id: true },
        }));
      const membership = await tx.membership.create({
        data: { workspaceId: access.workspaceId, userId: user.id, role: input.role },
        select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
      });
      const { user: member } = membership;
      return { userId: member.id, email: member.email, name: member.name, role: membership.role, joinedAt: membership.createdAt, createdUser: !existing };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('already_exists', `${input.email} is already a member of this workspace; change their role instead.`, { cause: error });
    }
    throw error;
  }
}

/** Locks the workspace row so two concurrent owner changes cannot both pass the last-owner check. */
async function lockWorkspace(tx: Prisma.TransactionClient, workspaceId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${workspaceId} FOR UPDATE`;
}

async function loadTarget(tx: Prisma.TransactionClient, access: WorkspaceAccess, userId: string): Promise<{ id: string; role: MembershipRole }> {
  const target = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: access.workspaceId, userId } },
    select: { id: true, role: true },
  });
  if (!target) throw new AppError('not_found', `User "${userId}" is not a member of this workspace. List the members to get their user ids.`);
  return target;
}

async function ensureAnotherOwner(tx: Prisma.TransactionClient, workspaceId: string, action: string): Promise<void> {
  const owners = await tx.membership.count({ where: { workspaceId, role: 'owner' } });
  if (owners <= 1) {
    throw new AppError('conflict', `Cannot ${action} the last owner of this workspace: make another member an owner first.`);
  }
}

export async function changeMemberRole(
  services: Services,
  access: WorkspaceAccess,
  input: z.infer<typeof changeMemberRoleInputSchema>,
): Promise<{ userId: string; role: MembershipRole }> {
  return services.prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, access.workspaceId);
    const target = await loadTarget(tx, access, input.userId);
    if (target.role === input.role) return { userId: input.userId, role: target.role };
    if (target.role === 'owner' || input.role === 'owner') requireOwnerFor(access, 'grant or take away the owner role');
    if (target.role === 'owner') await ensureAnotherOwner(tx, access.workspaceId, 'demote');
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role: input.role }, select: { role: true } });
    return { userId: input.userId, role: updated.role };
  });
}

export async function removeMember(services: Services, access: WorkspaceAccess, input: z.infer<typeof removeMemberInputSchema>): Promise<{ userId: string }> {
  return services.prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, access.workspaceId);
    const target = await loadTarget(tx, access, input.userId);
    if (target.role === 'owner') {
      requireOwnerFor(access, 'remove an owner');
      await ensureAnotherOwner(tx, access.workspaceId, 'remove');
    }
    await tx.membership.delete({ where: { id: target.id } });
    return { userId: input.userId };
  });
}
