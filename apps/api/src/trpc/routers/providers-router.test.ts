import { afterAll, beforeAll, expect, it } from 'vitest';
import { startModelTestServer, testChatModelId, type ModelTestServer } from '@weft/model-test-server';
import { createWorkspaceModelsCache } from '../../runtime/workspace-models';
import type { InvalidationEvent } from '../../services/contracts';
import { describeBothDatabases } from '../../test-support/test-services';
import { seedWorkspaces, type SeededWorkspaces } from '../test-support/seed-workspaces';
import { expectTrpcError } from '../test-support/test-caller';

const secret = 'sk-weft-test-0123456789-abcd';

describeBothDatabases('providers router', ({ services }) => {
  let seed: SeededWorkspaces;
  let modelServer: ModelTestServer;
  let providerId: string;
  const events: InvalidationEvent[] = [];
  let unsubscribe: () => void = () => undefined;
  beforeAll(async () => {
    [seed, modelServer] = await Promise.all([seedWorkspaces(services()), startModelTestServer()]);
    unsubscribe = services().bus.subscribe((event) => events.push(event));
  });
  afterAll(async () => {
    unsubscribe();
    await modelServer?.close();
  });

  it('stores the API key encrypted at rest and only ever shows a masked hint', async () => {
    const created = await seed.admin.caller.providers.create({ workspaceId: seed.workspaceId, name: 'testserver', kind: 'openai', baseUrl: modelServer.url, apiKey: secret });
    providerId = created.id;
    expect(created).toMatchObject({ name: 'testserver', kind: 'openai', baseUrl: modelServer.url, hasApiKey: true, apiKeyHint: 'sk-…abcd', headerNames: [] });
    expect(JSON.stringify(created)).not.toContain('0123456789');
    expect(JSON.stringify(await seed.viewer.caller.providers.list({ workspaceId: seed.workspaceId }))).not.toContain('0123456789');
    expect(events).toContainEqual({ type: 'credentials-changed', workspaceId: seed.workspaceId });

    const [raw] = await services().prisma.$queryRaw<Array<{ encryptedSecret: Uint8Array | null; secretIv: unknown; secretAuthTag: unknown }>>`
      SELECT "encryptedSecret", "secretIv", "secretAuthTag" FROM provider_credentials WHERE id = ${providerId}`;
    const stored = Buffer.from(raw!.encryptedSecret!).toString('utf8');
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain('0123456789');
    expect(stored).toMatch(/^v1\.[0-9a-f]{8}\./);
    // Sealed for this row: it opens with the row's context, and not with another row's.
    expect(services().secrets.decrypt(stored, `provider-credential:${providerId}`)).toBe(secret);
    expect(() => services().secrets.decrypt(stored, 'provider-credential:another-row')).toThrow(/another record/);
  });

  it('tests the connection through the real gateway: ok against the model server, with the stored key sent', async () => {
    const before = modelServer.stats.chatRequests;
    const result = await seed.admin.caller.providers.testConnection({ workspaceId: seed.workspaceId, providerId, model: testChatModelId });
    expect(result).toMatchObject({ ok: true, model: testChatModelId });
    expect(modelServer.stats.chatRequests).toBe(before + 1);
    expect(modelServer.requests.at(-1)?.headers.authorization).toBe(`Bearer ${secret}`);
  });

  it('reports the gateway error code and message when the provider refuses or is unreachable', async () => {
    const rejecting = await seed.admin.caller.providers.create({
      workspaceId: seed.workspaceId,
      name: 'rejecting',
      kind: 'openai',
      baseUrl: modelServer.url,
      apiKey: 'sk-revoked-key-000000',
      headers: { 'x-test-fault': 'auth' },
    });
    const refused = await seed.admin.caller.providers.testConnection({ workspaceId: seed.workspaceId, providerId: rejecting.id, model: testChatModelId });
    expect(refused).toMatchObject({ ok: false, code: 'auth_failed', message: expect.stringContaining('apiKey') });

    await seed.admin.caller.providers.update({ workspaceId: seed.workspaceId, providerId: rejecting.id, baseUrl: 'http://127.0.0.1:9/v1', headers: {} });
    const unreachable = await seed.admin.caller.providers.testConnection({ workspaceId: seed.workspaceId, providerId: rejecting.id, model: testChatModelId });
    expect(unreachable).toMatchObject({ ok: false, code: 'provider_unavailable' });

    await expectTrpcError(seed.admin.caller.providers.testConnection({ workspaceId: seed.workspaceId, providerId: rejecting.id }), 'BAD_REQUEST', 'invalid_param');
    await seed.admin.caller.providers.delete({ workspaceId: seed.workspaceId, providerId: rejecting.id });
  });

  it('is the credential the run path uses: the workspace gateway decrypts it and calls the provider', async () => {
    const cache = createWorkspaceModelsCache({ prisma: services().prisma, secrets: services().secrets, redisPrefix: services().redisPrefix, logger: services().logger });
    const { models } = await cache.get(seed.workspaceId);
    const answer = await models.languageModel(`testserver:${testChatModelId}`).doGenerate({ messages: [{ role: 'user', content: 'hello' }] });
    expect(answer.text.length).toBeGreaterThan(0);
    expect(modelServer.requests.at(-1)?.headers.authorization).toBe(`Bearer ${secret}`);
  });

  it('updates and removes the key, refuses duplicate names, and deletes', async () => {
    await expectTrpcError(seed.admin.caller.providers.create({ workspaceId: seed.workspaceId, name: 'testserver', kind: 'local' }), 'CONFLICT', 'already_exists');
    const renamed = await seed.admin.caller.providers.update({ workspaceId: seed.workspaceId, providerId, name: 'renamed', limits: { maxConcurrency: 4 } });
    expect(renamed).toMatchObject({ name: 'renamed', hasApiKey: true, apiKeyHint: 'sk-…abcd', limits: { maxConcurrency: 4 } });
    const keyless = await seed.admin.caller.providers.update({ workspaceId: seed.workspaceId, providerId, apiKey: null });
    expect(keyless).toMatchObject({ hasApiKey: false, apiKeyHint: null });
    const rekeyed = await seed.admin.caller.providers.update({ workspaceId: seed.workspaceId, providerId, apiKey: 'sk-new-key-9876543210-wxyz' });
    expect(rekeyed).toMatchObject({ hasApiKey: true, apiKeyHint: 'sk-…wxyz' });

    events.length = 0;
    await seed.admin.caller.providers.delete({ workspaceId: seed.workspaceId, providerId });
    expect(events).toEqual([{ type: 'credentials-changed', workspaceId: seed.workspaceId }]);
    expect(await seed.viewer.caller.providers.list({ workspaceId: seed.workspaceId })).toEqual([]);
    await expectTrpcError(seed.admin.caller.providers.delete({ workspaceId: seed.workspaceId, providerId }), 'NOT_FOUND');
  });

  it('leaves provider management to admins and checks every field', async () => {
    await expectTrpcError(seed.editor.caller.providers.create({ workspaceId: seed.workspaceId, name: 'mine', kind: 'local' }), 'FORBIDDEN', 'forbidden');
    const error = await expectTrpcError(
      seed.admin.caller.providers.create({ workspaceId: seed.workspaceId, name: 'Open AI', kind: 'openai', baseUrl: 'ftp://example.com', limits: { rpm: -1 } }),
      'BAD_REQUEST',
    );
    expect(error.message).toContain('name: use lowercase letters');
    expect(error.message).toContain('baseUrl: must be an http(s) URL');
    expect(error.message).toContain('limits.rpm');
  });
});
