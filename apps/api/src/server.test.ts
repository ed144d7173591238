import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, describeBothDatabases, serviceProbes, type TestServices } from './test-support/test-services';
import { fetchJson, startTestServer, type RunningTestServer } from './test-support/http';

describeBothDatabases(
  'createHttpServer',
  ({ db, services }) => {
    let server: RunningTestServer;
    beforeAll(async () => {
      server = await startTestServer(services());
    });
    afterAll(async () => {
      await server?.close();
    });

    it('reports the database and Redis in /health', async () => {
      const health = await fetchJson(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok', db: 'ok', redis: 'ok' });
      expect(services().dbKind).toBe(db);
    });

    it('answers unknown paths with a 404 JSON error that lists the endpoints', async () => {
      const answer = await fetchJson(`${server.url}/nope`);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'not_found', status: 404 });
      expect((answer.body as { message: string }).message).toContain('/v1/');
    });

    it('answers CORS preflights for /v1 so browsers can call published apps', async () => {
      const response = await fetch(`${server.url}/v1/chat-messages`, {
        method: 'OPTIONS',
        headers: { origin: 'https://example.com', 'access-control-request-method': 'POST' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    });

    it('mounts the published-app API under /v1, with CORS headers on its errors too', async () => {
      const answer = await fetchJson(`${server.url}/v1/info`, { headers: { origin: 'https://example.com' } });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 'unauthorized', status: 401 });
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('mounts the builder API under /trpc over real HTTP: setup sets an httpOnly session cookie that me then reads', async () => {
      const status = await fetchJson(`${server.url}/trpc/auth.status`);
      expect(status).toMatchObject({ status: 200, body: { result: { data: { needsSetup: true } } } });

      const bad = await fetchJson(`${server.url}/trpc/auth.setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"nope"}' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: { data: { domainCode: 'invalid_param' } } });

      const setup = await fetch(`${server.url}/trpc/auth.setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `owner-${db}@example.com`, name: 'Owner', password: 'correct horse battery', workspaceName: 'HTTP' }),
      });
      expect(setup.status).toBe(200);
      const cookie = setup.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^weft_session=[^;]+;.*HttpOnly/i);

      const me = await fetchJson(`${server.url}/trpc/auth.me`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ result: { data: { user: { email: `owner-${db}@example.com` } } } });
    });

    it('rejects non-GET health checks with 405', async () => {
      const answer = await fetchJson(`${server.url}/health`, { method: 'POST' });
      expect(answer.status).toBe(405);
      expect(answer.body).toMatchObject({ code: 'method_not_allowed' });
    });
  },
  { redis: true },
);

describe('createHttpServer without Redis', () => {
  let services: TestServices;
  let server: RunningTestServer;
  beforeAll(async () => {
    // PostgreSQL opens in a fraction of PGlite's time; the suites above already cover both databases.
    services = await createTestServices({ db: serviceProbes.postgres.ok ? 'postgres' : 'pglite' });
    server = await startTestServer(services);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await services?.close();
  });

  it('reports redis as absent, and healthy', async () => {
    const health = await fetchJson(`${server.url}/health`);
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', db: 'ok', redis: 'absent' } });
  });

  it('reports 503 once the database is gone', async () => {
    await services.close(); // closes the database underneath the still-running server
    const health = await fetchJson(`${server.url}/health`);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', db: 'down' });
  });
});
