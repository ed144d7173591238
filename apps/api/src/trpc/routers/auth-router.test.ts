import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeBothDatabases } from '../../test-support/test-services';
import { createTrpcContext } from '../context';
import { appRouter } from '../router';
import { signedInAs } from '../test-support/seed-workspaces';
import { createCookieJar, createTestCaller, expectTrpcError, type TestCaller } from '../test-support/test-caller';

const password = 'correct horse battery staple';
const publicPaths = new Set(['auth.status', 'auth.setup', 'auth.signIn', 'auth.signOut', 'auth.me']);

function procedureAt(caller: TestCaller, path: string): (input?: unknown) => Promise<unknown> {
  return path.split('.').reduce<any>((node, key) => node[key], caller);
}

describeBothDatabases('auth router', ({ services }) => {
  let adaToken: string | undefined;
  let adaId: string | undefined;
  const adaUser = () => ({ id: adaId!, email: 'ada@example.com' });

  it('signs up exactly one first user, as owner of a new workspace, with an httpOnly Lax session cookie', async () => {
    const ada = createTestCaller(services());
    const eve = createTestCaller(services());
    expect(await ada.caller.auth.status()).toEqual({ needsSetup: true });

    const attempts = await Promise.allSettled([
      ada.caller.auth.setup({ email: '  Ada@Example.COM ', name: 'Ada', password, workspaceName: 'Analytical' }),
      eve.caller.auth.setup({ email: 'eve@example.com', name: 'Eve', password }),
    ]);
    const [adaResult, eveResult] = attempts;
    expect(adaResult.status === 'fulfilled' || eveResult.status === 'fulfilled').toBe(true);
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    // Whoever lost the race is refused, and told how to get in.
    const loser = attempts.find((attempt) => attempt.status === 'rejected');
    await expectTrpcError(Promise.reject(loser?.reason), 'FORBIDDEN', 'forbidden');
    expect(String(loser?.reason?.message)).toMatch(/ask an admin/i);

    const winner = adaResult.status === 'fulfilled' ? ada : eve;
    const me = await winner.caller.auth.me();
    expect(me?.workspaces).toEqual([expect.objectContaining({ role: 'owner' })]);
    expect(await services().prisma.user.count()).toBe(1);
    expect(winner.jar.setCookies).toHaveLength(1);
    expect(winner.jar.setCookies[0]).toMatch(/^weft_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Expires=/);
    expect(winner.jar.setCookies[0]).not.toContain('Secure');

    if (winner !== ada) {
      // Keep the rest of the suite deterministic: make the signed-up user "ada@example.com".
      await services().prisma.user.update({ where: { id: me!.user.id }, data: { email: 'ada@example.com', name: 'Ada' } });
    } else {
      expect(me?.user).toMatchObject({ email: 'ada@example.com', name: 'Ada' });
      expect(me?.workspaces[0]?.name).toBe('Analytical');
    }
    adaToken = winner.jar.token;
    adaId = me!.user.id;
    expect(await winner.caller.auth.status()).toEqual({ needsSetup: false });
  });

  it('refuses every later sign-up with a message saying to ask an admin', async () => {
    const { caller } = createTestCaller(services());
    const error = await expectTrpcError(caller.auth.setup({ email: 'mallory@example.com', name: 'Mallory', password }), 'FORBIDDEN', 'forbidden');
    expect(error.message).toMatch(/ask an admin/i);
    expect(await services().prisma.user.findUnique({ where: { email: 'mallory@example.com' } })).toBeNull();
  });

  it('stores passwords as salted scrypt hashes and sessions only as SHA-256 of the token', async () => {
    const user = await services().prisma.user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(user.passwordHash).not.toContain(password);
    expect(adaToken).toBeDefined();
    const sessions = await services().prisma.session.findMany({ where: { userId: user.id } });
    expect(sessions.map((session) => session.tokenHash)).toContain(createHash('sha256').update(adaToken!).digest('hex'));
    expect(sessions.some((session) => session.tokenHash === adaToken)).toBe(false);
    expect(sessions[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });

  it('answers a wrong password and an unknown email with the same error', async () => {
    const { caller, jar } = createTestCaller(services());
    const wrongPassword = await expectTrpcError(caller.auth.signIn({ email: 'ada@example.com', password: 'not the password' }), 'UNAUTHORIZED', 'invalid_credentials');
    const unknownEmail = await expectTrpcError(caller.auth.signIn({ email: 'nobody@example.com', password }), 'UNAUTHORIZED', 'invalid_credentials');
    expect(unknownEmail.message).toBe(wrongPassword.message);
    expect(jar.setCookies).toEqual([]);

    const signedIn = await caller.auth.signIn({ email: 'ADA@example.com', password });
    expect(signedIn.user.email).toBe('ada@example.com');
    expect(jar.token).toBeDefined();
    expect((await caller.auth.me())?.user.email).toBe('ada@example.com');
  });

  it('signs out: the session row is deleted, the cookie cleared, and the old token no longer works', async () => {
    const { caller, jar } = await signedInAs(services(), adaUser());
    const token = jar.token!;
    expect(await caller.workspaces.list()).toHaveLength(1);

    await caller.auth.signOut();
    expect(jar.setCookies.at(-1)).toMatch(/^weft_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect(jar.token).toBeUndefined();
    expect(await services().prisma.session.count({ where: { tokenHash: createHash('sha256').update(token).digest('hex') } })).toBe(0);

    const replay = createTestCaller(services(), createCookieJar());
    replay.jar.setToken(token);
    expect(await replay.caller.auth.me()).toBeNull();
    await expectTrpcError(replay.caller.workspaces.list(), 'UNAUTHORIZED', 'unauthorized');
  });

  it('treats an expired session as signed out and deletes it', async () => {
    const { caller, jar } = await signedInAs(services(), adaUser());
    const tokenHash = createHash('sha256').update(jar.token!).digest('hex');
    await services().prisma.session.update({ where: { tokenHash }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectTrpcError(caller.workspaces.list(), 'UNAUTHORIZED', 'unauthorized');
    expect(await services().prisma.session.count({ where: { tokenHash } })).toBe(0);
  });

  it('requires a session for every procedure except the five public auth ones', async () => {
    const { caller } = createTestCaller(services());
    const paths = Object.keys(appRouter._def.procedures);
    expect(paths.length).toBeGreaterThan(30);
    for (const path of paths) {
      if (publicPaths.has(path)) continue;
      const error = await expectTrpcError(procedureAt(caller, path)({ workspaceId: 'w', appId: 'a' }), 'UNAUTHORIZED');
      expect(error.message, path).toMatch(/not signed in/);
    }
  });

  it('rejects bad input with BAD_REQUEST naming every bad field', async () => {
    const { caller } = createTestCaller(services());
    const error = await expectTrpcError(caller.auth.signIn({ email: 'not-an-email', password: '' }), 'BAD_REQUEST');
    expect(error.message).toContain('email: must be an email address');
    expect(error.message).toContain('password: is required');
  });
});

describe('session cookie flags', () => {
  it('adds Secure when the public URL is https', () => {
    const headers = new Map<string, unknown>();
    const response = { getHeader: (name: string) => headers.get(name) as string[] | undefined, setHeader: (name: string, value: unknown) => headers.set(name, value) };
    const services = { env: { WEFT_PUBLIC_URL: 'https://weft.example.com' } } as Parameters<typeof createTrpcContext>[0]['services'];
    const context = createTrpcContext({ req: { headers: { cookie: 'other=1; weft_session=abc' } }, res: response, services });
    expect(context.sessionToken).toBe('abc');
    context.setSessionCookie({ token: 'tok', expiresAt: new Date(Date.now() + 60_000) });
    context.clearSessionCookie();
    const cookies = headers.get('set-cookie') as string[];
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Secure; /);
  });
});
