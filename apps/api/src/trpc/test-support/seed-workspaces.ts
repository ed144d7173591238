import type { AppServices } from '../../services/app-services';
import { hashPassword } from '../../services/auth-password';
import { createSession } from '../../services/auth-sessions';
import { createCookieJar, createTestCaller, type CookieJar, type TestCaller } from './test-caller';

export interface SeededUser {
  id: string;
  email: string;
  caller: TestCaller;
  jar: CookieJar;
}

export interface SeededWorkspaces {
  /** Workspace A: `owner` (signed up through auth.setup) plus one member per requested role. */
  workspaceId: string;
  owner: SeededUser;
  admin: SeededUser;
  editor: SeededUser;
  viewer: SeededUser;
  /** Workspace B, whose only member is `outsider` (its owner): nobody of workspace A is in it. */
  otherWorkspaceId: string;
  outsider: SeededUser;
}

export const testPassword = 'correct horse battery staple';
let testPasswordHash: Promise<string> | undefined;

/** A signed-in caller for an existing user, through a real session row (what auth.signIn creates). */
export async function signedInAs(services: AppServices, user: { id: string; email: string }): Promise<SeededUser> {
  const session = await createSession(services.prisma, user.id);
  const jar = createCookieJar();
  jar.setToken(session.token);
  return { ...user, ...createTestCaller(services, jar) };
}

/**
 * The first user signs up (owner of A) and adds an admin, an editor and a viewer to A; the owner then creates
 * workspace B, makes `outsider` its owner and leaves it. Emails are unique per call (`tag`). The members' accounts
 * exist beforehand (all with `testPassword`, hashed once per test file) so seeding costs one scrypt, not five.
 */
export async function seedWorkspaces(services: AppServices, tag = 'seed'): Promise<SeededWorkspaces> {
  const { caller: ownerCaller, jar: ownerJar } = createTestCaller(services);
  const email = (role: string) => `${role}.${tag}@weft.test`;
  const setup = await ownerCaller.auth.setup({ email: email('owner'), name: 'Ada', password: testPassword, workspaceName: 'Workspace A' });
  const owner: SeededUser = { id: setup.user.id, email: setup.user.email, caller: ownerCaller, jar: ownerJar };
  const workspaceId = setup.workspace.id;

  const passwordHash = await (testPasswordHash ??= hashPassword(testPassword));
  const names = ['Alan', 'Grace', 'Vera', 'Bob'];
  await services.prisma.user.createMany({ data: names.map((name) => ({ email: email(name.toLowerCase()), name, passwordHash })) });

  const member = async (workspace: string, role: 'admin' | 'editor' | 'viewer' | 'owner', name: string): Promise<SeededUser> => {
    const added = await ownerCaller.members.add({ workspaceId: workspace, email: email(name.toLowerCase()), role });
    return signedInAs(services, { id: added.userId, email: added.email });
  };
  const [admin, editor, viewer] = await Promise.all([member(workspaceId, 'admin', 'Alan'), member(workspaceId, 'editor', 'Grace'), member(workspaceId, 'viewer', 'Vera')]);

  const other = await ownerCaller.workspaces.create({ name: 'Workspace B' });
  const outsider = await member(other.id, 'owner', 'Bob');
  await ownerCaller.members.remove({ workspaceId: other.id, userId: owner.id });
  return { workspaceId, owner, admin, editor, viewer, otherWorkspaceId: other.id, outsider };
}
