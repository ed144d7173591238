import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAppDirectory, type AppDirectory } from '../../runtime/app-directory';
import { describeBothDatabases } from '../../test-support/test-services';
import { seedWorkspaces, type SeededWorkspaces } from '../test-support/seed-workspaces';
import { expectTrpcError } from '../test-support/test-caller';

describeBothDatabases('api keys router', ({ services }) => {
  let seed: SeededWorkspaces;
  let appId: string;
  let otherAppId: string;
  let directory: AppDirectory;
  let unsubscribe: () => void = () => undefined;
  beforeAll(async () => {
    seed = await seedWorkspaces(services());
    appId = (await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'chatflow', name: 'Keyed' })).id;
    otherAppId = (await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'workflow', name: 'Other' })).id;
    // The published-app path's key lookup, listening to the same bus as the API processes.
    directory = createAppDirectory({ prisma: services().prisma, logger: services().logger });
    unsubscribe = services().bus.subscribe((event) => directory.invalidate(event));
  });
  afterAll(async () => {
    unsubscribe();
    await directory?.close();
  });

  it('returns a new key once and stores only its SHA-256 and visible prefix', async () => {
    const created = await seed.admin.caller.apiKeys.create({ appId, name: 'Website' });
    expect(created.key).toMatch(/^app-[A-Za-z0-9_-]{32}$/);
    expect(created).toMatchObject({ name: 'Website', prefix: created.key.slice(0, 8), lastUsedAt: null, revokedAt: null });

    const row = await services().prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.key.slice(8));
    const listed = await seed.editor.caller.apiKeys.list({ appId });
    expect(listed).toEqual([expect.objectContaining({ id: created.id, prefix: created.key.slice(0, 8), name: 'Website' })]);
    expect(JSON.stringify(listed)).not.toContain(created.key.slice(8));
    expect(listed[0]).not.toHaveProperty('key');

    expect((await directory.authenticate(created.key)).app.id).toBe(appId);
  });

  it('revokes a key everywhere at once, keeping the first revocation time', async () => {
    const created = await seed.admin.caller.apiKeys.create({ appId });
    expect((await directory.authenticate(created.key)).apiKeyId).toBe(created.id);

    const revoked = await seed.admin.caller.apiKeys.revoke({ appId, keyId: created.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(directory.authenticate(created.key)).rejects.toMatchObject({ code: 'unauthorized' });

    const again = await seed.admin.caller.apiKeys.revoke({ appId, keyId: created.id });
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    expect((await seed.editor.caller.apiKeys.list({ appId })).find((key) => key.id === created.id)?.revokedAt).toEqual(revoked.revokedAt);
  });

  it('leaves key management to admins and keys to their own app', async () => {
    await expectTrpcError(seed.editor.caller.apiKeys.create({ appId }), 'FORBIDDEN', 'forbidden');
    await expectTrpcError(seed.viewer.caller.apiKeys.list({ appId }), 'FORBIDDEN', 'forbidden');
    const key = (await seed.editor.caller.apiKeys.list({ appId })).find((candidate) => candidate.revokedAt === null);
    await expectTrpcError(seed.editor.caller.apiKeys.revoke({ appId, keyId: key!.id }), 'FORBIDDEN');
    await expectTrpcError(seed.admin.caller.apiKeys.revoke({ appId: otherAppId, keyId: key!.id }), 'NOT_FOUND', 'not_found');
    expect((await services().prisma.apiKey.findUniqueOrThrow({ where: { id: key!.id } })).revokedAt).toBeNull();
  });
});
