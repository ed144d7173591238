import { z } from 'zod';
import { AppError } from '../errors';
import type { AppServices } from './app-services';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './auth-password';
import { createSession, deleteSession, type IssuedSession } from './auth-sessions';
import type { MembershipRole } from './members-access';

type Services = Pick<AppServices, 'prisma'>;

/** Emails are compared and stored lower-cased. */
export const emailSchema = z.string().trim().toLowerCase().max(254, 'is too long').pipe(z.email('must be an email address, like ada@example.com'));
export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(256, 'must be at most 256 characters');
export const personNameSchema = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

export const setupInputSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
  workspaceName: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters').default('My workspace'),
});
export type SetupInput = z.infer<typeof setupInputSchema>;

export const signInInputSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(256, 'must be at most 256 characters'),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

export interface PublicUser {
  id: string;
  email: string;
  name: string;
}

export interface SignedIn {
  user: PublicUser;
  session: IssuedSession;
}

/** Serialises concurrent first sign-ups (PostgreSQL advisory lock; "weft" in ASCII). */
const setupLockKey = 0x77656674;
const userSelect = { id: true, email: true, name: true } as const;
const invalidCredentials = 'Wrong email or password. Check both and try again; ask a workspace admin to reset your password if you forgot it.';

function alreadySetUp(): AppError {
  return new AppError('forbidden', 'weft is already set up: only the first user signs up. Ask an admin of your workspace to add you, then sign in.');
}

export async function getSetupStatus(services: Services): Promise<{ needsSetup: boolean }> {
  return { needsSetup: (await services.prisma.user.count()) === 0 };
}

/** Signs up the FIRST user, as owner of a new workspace. Every later call is refused: users join by invitation. */
export async function setUp(services: Services, input: SetupInput): Promise<SignedIn & { workspace: { id: string; name: string } }> {
  // Checked before the (deliberately slow) hashing so repeated calls cost nothing, and again under the lock.
  if (!(await getSetupStatus(services)).needsSetup) throw alreadySetUp();
  const passwordHash = await hashPassword(input.password);
  const { user, workspace } = await services.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${setupLockKey}::bigint)`;
    if ((await tx.user.count()) > 0) throw alreadySetUp();
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash }, select: userSelect });
    const workspace = await tx.workspace.create({
      data: { name: input.workspaceName, memberships: { create: { userId: user.id, role: 'owner' } } },
      select: { id: true, name: true },
    });
    return { user, workspace };
  });
  return { user, workspace, session: await createSession(services.prisma, user.id) };
}

/** One uniform error for an unknown email and a wrong password, after the same amount of work. */
export async function signIn(services: Services, input: SignInInput): Promise<SignedIn> {
  const row = await services.prisma.user.findUnique({ where: { email: input.email }, select: { ...userSelect, passwordHash: true } });
  const ok = row ? await verifyPassword(input.password, row.passwordHash) : await verifyAgainstDecoy(input.password);
  if (!row || !ok) throw new AppError('invalid_credentials', invalidCredentials);
  return { user: { id: row.id, email: row.email, name: row.name }, session: await createSession(services.prisma, row.id) };
}

export async function signOut(services: Services, sessionToken: string | undefined): Promise<void> {
  if (sessionToken) await deleteSession(services.prisma, sessionToken);
}

export interface Me {
  user: PublicUser;
  workspaces: Array<{ id: string; name: string; role: MembershipRole }>;
}

export async function getMe(services: Services, userId: string): Promise<Me | null> {
  const user = await services.prisma.user.findUnique({
    where: { id: userId },
    select: { ...userSelect, memberships: { select: { role: true, workspace: { select: { id: true, name: true } } }, orderBy: { createdAt: 'asc' } } },
  });
  if (!user) return null;
  return {
    user: { id: user.id, email: user.email, name: user.name },
    workspaces: user.memberships.map((membership) => ({ ...membership.workspace, role: membership.role })),
  };
}
