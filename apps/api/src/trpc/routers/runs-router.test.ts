import { afterAll, beforeAll, expect, it } from 'vitest';
import { startModelTestServer, testChatModelId, type ModelTestServer } from '@weft/model-test-server';
import { runServiceForPlatform } from '../../runtime/run-service-for-platform';
import type { DebugRunEvent } from '../../services/run-queries-debug-run';
import { describeBothDatabases } from '../../test-support/test-services';
import { startAnswerDebugRunEventTypes } from '../test-support/debug-run-events';
import { seedWorkspaces, type SeededWorkspaces } from '../test-support/seed-workspaces';
import { expectTrpcError } from '../test-support/test-caller';

async function collect(events: AsyncIterable<DebugRunEvent>): Promise<DebugRunEvent[]> {
  const seen: DebugRunEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describeBothDatabases(
  'runs router',
  ({ services }) => {
    let seed: SeededWorkspaces;
    let chatAppId: string;
    let workflowAppId: string;
    let modelServer: ModelTestServer;
    beforeAll(async () => {
      [seed, modelServer] = await Promise.all([seedWorkspaces(services()), startModelTestServer()]);
      chatAppId = (await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'chatflow', name: 'Echo' })).id;
      workflowAppId = (await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'workflow', name: 'Pass-through' })).id;
    });
    afterAll(async () => {
      await modelServer?.close();
    });

    it('streams a debug run of the draft: debug-run-started, then the engine events in order', async () => {
      const events = await collect(await seed.editor.caller.runs.debugRun({ appId: chatAppId, query: 'hi there' }));
      expect(events.map((event) => event.type)).toEqual(startAnswerDebugRunEventTypes);
      const started = events[0] as Extract<DebugRunEvent, { type: 'debug-run-started' }>;
      expect(started.runId).toBe((events[1] as { runId: string }).runId);
      expect(started.conversationId).toEqual(expect.any(String));
      expect(events.filter((event) => event.type === 'text-chunk').map((event) => event.text).join('')).toBe('hi there');

      await services().runs.flush();
      const run = await seed.viewer.caller.runs.get({ appId: chatAppId, runId: started.runId });
      expect(run).toMatchObject({ source: 'debugger', status: 'succeeded', versionId: null, createdById: seed.editor.id });
      expect(run.nodeRuns.map((node) => [node.nodeId, node.status])).toEqual([
        ['start', 'succeeded'],
        ['answer', 'succeeded'],
      ]);
    });

    it('runs workflow drafts with inputs, and refuses chat runs without a query and viewers', async () => {
      const events = await collect(await seed.editor.caller.runs.debugRun({ appId: workflowAppId, inputs: { input: 'hello' } }));
      expect(events.at(-1)).toMatchObject({ type: 'run-finished', outputs: { output: 'hello' } });
      await expectTrpcError(seed.editor.caller.runs.debugRun({ appId: chatAppId }), 'BAD_REQUEST', 'invalid_param');
      await expectTrpcError(seed.viewer.caller.runs.debugRun({ appId: workflowAppId, inputs: {} }), 'FORBIDDEN', 'forbidden');
    });

    it('stops the run when the subscriber goes away', async () => {
      const provider = await seed.admin.caller.providers.create({
        workspaceId: seed.workspaceId,
        name: 'slow',
        kind: 'openai',
        baseUrl: modelServer.url,
        headers: { 'x-test-ttft-ms': '10000', 'x-test-latency-ms': '12000' },
      });
      const app = await seed.editor.caller.apps.create({ workspaceId: seed.workspaceId, mode: 'chatflow', name: 'Slow' });
      const graph = {
        nodes: [
          { id: 'start', type: 'start', data: { variables: [] } },
          { id: 'llm', type: 'llm', data: { model: { id: `${provider.name}:${testChatModelId}` }, promptTemplate: [{ role: 'user', text: '{{#sys.query#}}' }] } },
          { id: 'answer', type: 'answer', data: { answer: '{{#llm.text#}}' } },
        ],
        edges: [
          { source: 'start', target: 'llm' },
          { source: 'llm', target: 'answer' },
        ],
      };
      expect((await seed.editor.caller.drafts.save({ appId: app.id, graph, baseVersion: 1 })).problems).toEqual([]);

      const startedAt = Date.now();
      let runId = '';
      for await (const event of await seed.editor.caller.runs.debugRun({ appId: app.id, query: 'take your time' })) {
        if (event.type === 'debug-run-started') runId = event.runId;
        if (event.type === 'node-started' && event.nodeId === 'llm') {
          // Leave while the model call is in flight (the model server answers only after 10 s).
          await expect.poll(() => modelServer.stats.streamRequests, { timeout: 5_000 }).toBe(1);
          break;
        }
      }
      await expect.poll(() => modelServer.stats.abortedStreams, { timeout: 5_000 }).toBeGreaterThan(0);
      await services().runs.flush();
      const run = await seed.viewer.caller.runs.get({ appId: app.id, runId });
      expect(run.status).toBe('cancelled');
      expect(Date.now() - startedAt).toBeLessThan(8_000);
    });

    it('lists runs newest first with filters and cursor pagination', async () => {
      await collect(await seed.editor.caller.runs.debugRun({ appId: workflowAppId, inputs: { input: 'second' } }));
      await collect(await seed.editor.caller.runs.debugRun({ appId: workflowAppId, inputs: { input: 42 } }));
      await services().runs.flush();

      const all = await seed.viewer.caller.runs.list({ appId: workflowAppId });
      expect(all.items).toHaveLength(3);
      expect(all.nextCursor).toBeNull();
      expect(all.items.map((run) => run.status)).toEqual(['failed', 'succeeded', 'succeeded']);
      expect(all.items[0]?.error).toMatchObject({ code: 'invalid_input' });

      const failed = await seed.viewer.caller.runs.list({ appId: workflowAppId, status: 'failed' });
      expect(failed.items.map((run) => run.id)).toEqual([all.items[0]?.id]);
      expect((await seed.viewer.caller.runs.list({ appId: workflowAppId, source: 'api' })).items).toEqual([]);

      const pages: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await seed.viewer.caller.runs.list({ appId: workflowAppId, limit: 2, cursor });
        pages.push(...page.items.map((run) => run.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages).toEqual(all.items.map((run) => run.id));

      const newest = all.items[0]!.createdAt;
      const recent = await seed.viewer.caller.runs.list({ appId: workflowAppId, from: newest.toISOString() });
      expect(recent.items.map((run) => run.id)).toEqual([all.items[0]?.id]);
      const older = await seed.viewer.caller.runs.list({ appId: workflowAppId, to: newest.toISOString() });
      expect(older.items).toHaveLength(2);
    });

    it('rejects bad filters and cursors from other apps', async () => {
      const [run] = (await seed.viewer.caller.runs.list({ appId: chatAppId })).items;
      await expectTrpcError(seed.viewer.caller.runs.list({ appId: workflowAppId, cursor: run!.id }), 'BAD_REQUEST', 'invalid_param');
      await expectTrpcError(seed.viewer.caller.runs.get({ appId: workflowAppId, runId: run!.id }), 'NOT_FOUND', 'not_found');
      const error = await expectTrpcError(
        seed.viewer.caller.runs.list({ appId: workflowAppId, from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z', status: 'done' as 'failed' }),
        'BAD_REQUEST',
      );
      expect(error.message).toContain('status:');
      await expectTrpcError(seed.viewer.caller.runs.list({ appId: workflowAppId, from: 'yesterday' }), 'BAD_REQUEST');
      const order = await expectTrpcError(seed.viewer.caller.runs.list({ appId: workflowAppId, from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }), 'BAD_REQUEST');
      expect(order.message).toContain('"from" must be before "to"');
    });
  },
  { createRunService: runServiceForPlatform },
);
