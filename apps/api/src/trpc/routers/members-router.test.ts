import { beforeAll, expect, it } from 'vitest';
import { verifyPassword } from '../../services/auth-password';
import { describeBothDatabases } from '../../test-support/test-services';
import { seedWorkspaces, signedInAs, testPassword, type SeededWorkspaces } from '../test-support/seed-workspaces';
import { createTestCaller, expectTrpcError } from '../test-support/test-caller';

describeBothDatabases('workspaces and members routers', ({ services }) => {
  let seed: SeededWorkspaces;
  beforeAll(async () => {
    seed = await seedWorkspaces(services());
  });

  it('lists only my workspaces, with my role in each', async () => {
    expect(await seed.owner.caller.workspaces.list()).toEqual([expect.objectContaining({ id: seed.workspaceId, name: 'Workspace A', role: 'owner' })]);
    expect(await seed.viewer.caller.workspaces.list()).toEqual([expect.objectContaining({ id: seed.workspaceId, role: 'viewer' })]);
    expect(await seed.outsider.caller.workspaces.list()).toEqual([expect.objectContaining({ id: seed.otherWorkspaceId, role: 'owner' })]);
  });

  it('lets any member create a workspace they own, and only admins rename one', async () => {
    const created = await seed.viewer.caller.workspaces.create({ name: '  Side project ' });
    expect(created).toMatchObject({ name: 'Side project', role: 'owner' });
    await expectTrpcError(seed.editor.caller.workspaces.rename({ workspaceId: seed.workspaceId, name: 'Mine' }), 'FORBIDDEN', 'forbidden');
    expect(await seed.admin.caller.workspaces.rename({ workspaceId: seed.workspaceId, name: 'Workspace A' })).toMatchObject({ name: 'Workspace A' });
  });

  it('adds a new person with an admin-set password they can sign in with', async () => {
    const added = await seed.admin.caller.members.add({ workspaceId: seed.workspaceId, email: 'Lin@Weft.test', name: 'Lin', role: 'editor', password: 'initial password' });
    expect(added).toMatchObject({ email: 'lin@weft.test', name: 'Lin', role: 'editor', createdUser: true });
    const row = await services().prisma.user.findUniqueOrThrow({ where: { email: 'lin@weft.test' } });
    expect(await verifyPassword('initial password', row.passwordHash)).toBe(true);

    const { caller } = createTestCaller(services());
    await caller.auth.signIn({ email: 'lin@weft.test', password: 'initial password' });
    expect((await caller.members.list({ workspaceId: seed.workspaceId })).map((member) => member.email)).toContain('lin@weft.test');
  });

  it('adds an existing user without touching their password, and refuses a duplicate', async () => {
    const added = await seed.outsider.caller.members.add({ workspaceId: seed.otherWorkspaceId, email: seed.viewer.email, role: 'viewer', password: 'attempted takeover' });
    expect(added).toMatchObject({ userId: seed.viewer.id, createdUser: false });
    const viewer = await services().prisma.user.findUniqueOrThrow({ where: { id: seed.viewer.id } });
    expect(await verifyPassword(testPassword, viewer.passwordHash)).toBe(true);

    await expectTrpcError(seed.outsider.caller.members.add({ workspaceId: seed.otherWorkspaceId, email: seed.viewer.email, role: 'editor' }), 'CONFLICT', 'already_exists');
    await seed.outsider.caller.members.remove({ workspaceId: seed.otherWorkspaceId, userId: seed.viewer.id });
  });

  it('asks for a password when nobody has the email yet', async () => {
    const error = await expectTrpcError(
      seed.admin.caller.members.add({ workspaceId: seed.workspaceId, email: 'new@weft.test', role: 'viewer' }),
      'BAD_REQUEST',
      'invalid_param',
    );
    expect(error.message).toContain('pass "password"');
  });

  it('keeps role changes to admins, and the owner role to owners', async () => {
    const lin = (await seed.owner.caller.members.list({ workspaceId: seed.workspaceId })).find((member) => member.email === 'lin@weft.test')!;
    await expectTrpcError(seed.editor.caller.members.changeRole({ workspaceId: seed.workspaceId, userId: lin.userId, role: 'viewer' }), 'FORBIDDEN');
    await expectTrpcError(seed.viewer.caller.members.add({ workspaceId: seed.workspaceId, email: 'x@weft.test', role: 'viewer', password: 'password1' }), 'FORBIDDEN');
    expect(await seed.admin.caller.members.changeRole({ workspaceId: seed.workspaceId, userId: lin.userId, role: 'viewer' })).toEqual({ userId: lin.userId, role: 'viewer' });

    const error = await expectTrpcError(seed.admin.caller.members.changeRole({ workspaceId: seed.workspaceId, userId: lin.userId, role: 'owner' }), 'FORBIDDEN');
    expect(error.message).toMatch(/Only an owner/);
    await expectTrpcError(seed.admin.caller.members.remove({ workspaceId: seed.workspaceId, userId: seed.owner.id }), 'FORBIDDEN');
    await expectTrpcError(seed.admin.caller.members.changeRole({ workspaceId: seed.workspaceId, userId: 'nobody', role: 'viewer' }), 'NOT_FOUND');
  });

  it('never removes or demotes the last owner, even when two owners race', async () => {
    const error = await expectTrpcError(seed.owner.caller.members.changeRole({ workspaceId: seed.workspaceId, userId: seed.owner.id, role: 'admin' }), 'CONFLICT', 'conflict');
    expect(error.message).toContain('last owner');
    await expectTrpcError(seed.owner.caller.members.remove({ workspaceId: seed.workspaceId, userId: seed.owner.id }), 'CONFLICT');

    // Two owners each demote the other at the same time: the workspace row lock lets only one through.
    await seed.owner.caller.members.changeRole({ workspaceId: seed.workspaceId, userId: seed.admin.id, role: 'owner' });
    const results = await Promise.allSettled([
      seed.owner.caller.members.changeRole({ workspaceId: seed.workspaceId, userId: seed.admin.id, role: 'admin' }),
      seed.admin.caller.members.changeRole({ workspaceId: seed.workspaceId, userId: seed.owner.id, role: 'admin' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await services().prisma.membership.count({ where: { workspaceId: seed.workspaceId, role: 'owner' } })).toBe(1);

    // Put the roles back for the other tests of this suite.
    const owners = await services().prisma.membership.findMany({ where: { workspaceId: seed.workspaceId, role: 'owner' } });
    const remaining = owners[0]!.userId === seed.owner.id ? seed.owner : seed.admin;
    await remaining.caller.members.changeRole({ workspaceId: seed.workspaceId, userId: seed.owner.id, role: 'owner' });
    await seed.owner.caller.members.changeRole({ workspaceId: seed.workspaceId, userId: seed.admin.id, role: 'admin' });
  });

  it('removes a member: they lose access at once', async () => {
    const lin = (await seed.owner.caller.members.list({ workspaceId: seed.workspaceId })).find((member) => member.email === 'lin@weft.test')!;
    const linCaller = await signedInAs(services(), { id: lin.userId, email: lin.email });
    expect(await linCaller.caller.apps.list({ workspaceId: seed.workspaceId })).toEqual([]);
    await seed.admin.caller.members.remove({ workspaceId: seed.workspaceId, userId: lin.userId });
    await expectTrpcError(linCaller.caller.apps.list({ workspaceId: seed.workspaceId }), 'NOT_FOUND');
  });

  it('hides workspace B from members of A (not found, not forbidden)', async () => {
    const error = await expectTrpcError(seed.owner.caller.members.list({ workspaceId: seed.otherWorkspaceId }), 'NOT_FOUND', 'not_found');
    expect(error.message).toContain('not a member');
    await expectTrpcError(seed.owner.caller.members.add({ workspaceId: seed.otherWorkspaceId, email: 'x@weft.test', role: 'owner', password: 'password1' }), 'NOT_FOUND');
    await expectTrpcError(seed.outsider.caller.workspaces.rename({ workspaceId: seed.workspaceId, name: 'Taken' }), 'NOT_FOUND');
  });
});
