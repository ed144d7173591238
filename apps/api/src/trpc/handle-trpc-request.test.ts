import { afterAll, beforeAll, expect, it } from 'vitest';
import { runServiceForPlatform } from '../runtime/run-service-for-platform';
import { fetchJson, startTestServer, type RunningTestServer } from '../test-support/http';
import { describeBothDatabases } from '../test-support/test-services';
import { startAnswerDebugRunEventTypes } from './test-support/debug-run-events';

const maxBodyBytes = 64 * 1024;

describeBothDatabases(
  'builder API over HTTP',
  ({ services, db }) => {
    let server: RunningTestServer;
    let cookie = '';
    let appId = '';
    const post = (path: string, body: unknown) =>
      fetchJson(`${server.url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });

    beforeAll(async () => {
      server = await startTestServer(services());
      const setup = await fetch(`${server.url}/trpc/auth.setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `ada-${db}@weft.test`, name: 'Ada', password: 'correct horse battery' }),
      });
      cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const workspaceId = ((await setup.json()) as { result: { data: { workspace: { id: string } } } }).result.data.workspace.id;
      appId = ((await post('apps.create', { workspaceId, mode: 'chatflow', name: 'HTTP' })).body as { result: { data: { id: string } } }).result.data.id;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('answers a batch of calls in one request', async () => {
      const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: { appId } }));
      const answer = await fetchJson(`${server.url}/trpc/auth.me,drafts.get?batch=1&input=${input}`, { headers: { cookie } });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject([{ result: { data: { user: { name: 'Ada' } } } }, { result: { data: { appId, version: 1 } } }]);
    });

    it('sends a stale save back as 409 with the domain code, who/when details, and no stack', async () => {
      const graph = { nodes: [{ id: 'start', type: 'start', data: {} }, { id: 'answer', type: 'answer', data: { answer: 'hi' } }], edges: [{ source: 'start', target: 'answer' }] };
      expect((await post('drafts.save', { appId, graph, baseVersion: 1 })).status).toBe(200);
      const stale = await post('drafts.save', { appId, graph, baseVersion: 1 });
      expect(stale.status).toBe(409);
      const error = (stale.body as { error: { message: string; data: Record<string, unknown> } }).error;
      expect(error.message).toMatch(/^Saved by Ada at \d\d:\d\d UTC \(version 2\); reload or overwrite$/);
      expect(error.data).toMatchObject({ code: 'CONFLICT', httpStatus: 409, domainCode: 'draft_conflict', details: { currentVersion: 2, savedBy: { name: 'Ada' } } });
      expect(error.data.stack).toBeUndefined();
    });

    it('names the bad fields of a 400 in data.issues', async () => {
      const bad = await post('apps.update', { appId, name: '', icon: 'x'.repeat(100) });
      expect(bad.status).toBe(400);
      expect((bad.body as { error: { data: unknown } }).error.data).toMatchObject({
        domainCode: 'invalid_param',
        issues: [
          { path: 'name', message: 'is required' },
          { path: 'icon', message: expect.stringContaining('at most 64') },
        ],
      });
    });

    it('refuses bodies over WEFT_MAX_BODY_BYTES with 413', async () => {
      const answer = await post('apps.update', { appId, description: 'x'.repeat(maxBodyBytes + 1) });
      expect(answer.status).toBe(413);
    });

    it('streams a debug run as server-sent events to a signed-in editor, and refuses it without a session', async () => {
      const input = encodeURIComponent(JSON.stringify({ appId, query: 'over SSE' }));
      const refused = await fetch(`${server.url}/trpc/runs.debugRun?input=${input}`, { headers: { accept: 'text/event-stream' } });
      // tRPC's SSE protocol: the stream opens, then carries the error as a `serialized-error` event.
      const refusal = await refused.text();
      expect(refusal).toMatch(/event: serialized-error\ndata: .*"httpStatus":401.*"domainCode":"unauthorized"/);
      expect(refusal).not.toContain('run-started');

      const response = await fetch(`${server.url}/trpc/runs.debugRun?input=${input}`, { headers: { accept: 'text/event-stream', cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const text = await response.text();
      const events = text
        .split('\n')
        .filter((line) => line.startsWith('data: ') && line.length > 'data: '.length)
        .map((line) => JSON.parse(line.slice(6)) as { type?: string; text?: string })
        .filter((event) => typeof event === 'object' && event !== null && 'type' in event);
      expect(events.map((event) => event.type)).toEqual(startAnswerDebugRunEventTypes);
      expect(events.find((event) => event.type === 'text-chunk')?.text).toBe('hi');
    });
  },
  { createRunService: runServiceForPlatform, env: { WEFT_MAX_BODY_BYTES: String(maxBodyBytes) } },
);
