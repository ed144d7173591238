import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '@weft/db';
import { replyPrefix, startModelTestServer } from '@weft/model-test-server';
import type { RunEvent } from '@weft/workflow-engine/spec';
import { AppError } from '../errors';
import type { StartedRun } from '../services/contracts';
import { describeBothDatabases, type TestServices } from '../test-support/test-services';
import { createRunService, type RunServiceDeps, type WeftRunService } from './create-run-service';
import { chatGraph, seedApp, seedWorkspace, workflowGraph, type SeededApp } from './test-support/seed-apps';

const modelServer = await startModelTestServer();
afterAll(() => modelServer.close());

const limits = { maxConcurrentRunsPerApp: 2 };
const runServiceOf = (services: TestServices) => services.runs as WeftRunService;

async function collect(started: StartedRun): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const event of started.events) events.push(event);
  return events;
}

/** Counts reads per model, to prove the hot path stays off the database once warm. */
function countingPrisma(prisma: PrismaClient): { prisma: PrismaClient; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(prisma, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || property.startsWith('$') || typeof value !== 'object' || value === null) return value;
      return new Proxy(value, {
        get(model, method, modelReceiver) {
          const fn = Reflect.get(model, method, modelReceiver) as unknown;
          if (typeof fn !== 'function' || typeof method !== 'string' || !method.startsWith('find')) return fn;
          return (...args: unknown[]) => {
            reads++;
            return (fn as (...a: unknown[]) => unknown).apply(model, args);
          };
        },
      });
    },
  });
  return { prisma: proxy, reads: () => reads };
}

describeBothDatabases(
  'createRunService',
  ({ services }) => {
    let chat: SeededApp;
    let workflow: SeededApp;
    let slow: SeededApp;

    beforeAll(async () => {
      const { prisma, secrets } = services();
      const workspaceId = await seedWorkspace(prisma, secrets, modelServer.url);
      chat = await seedApp(prisma, workspaceId, { mode: 'chatflow', graph: chatGraph() });
      workflow = await seedApp(prisma, workspaceId, { mode: 'workflow', graph: workflowGraph() });
      const slowWorkspace = await seedWorkspace(prisma, secrets, modelServer.url, { headers: { 'x-test-latency-ms': '2000' } });
      slow = await seedApp(prisma, slowWorkspace, { mode: 'chatflow', graph: chatGraph({ cache: false }) });
    });

    it('answers a chat turn, streams it, and stores run, node runs, conversation and message in one batch', async () => {
      const runs = runServiceOf(services());
      const started = await runs.start({ appId: chat.appId, source: 'api', target: 'published', inputs: {}, query: 'hello there', user: 'alice' });
      expect(started).toMatchObject({ appId: chat.appId, mode: 'chatflow', replayed: false, taskId: started.runId });
      expect(started.conversationId).toMatch(/^[0-9a-f-]{36}$/);
      const events = await collect(started);
      const result = await started.result;
      expect(result.status).toBe('succeeded');
      expect(result.answer).toBe(`Answer: ${replyPrefix}hello there`);
      expect(events[0]?.type).toBe('run-started');
      expect(events.at(-1)?.type).toBe('run-finished');
      const streamed = events.flatMap((event) => (event.type === 'text-chunk' && event.nodeId === 'answer' ? [event.text] : [])).join('');
      expect(streamed).toBe(result.answer);

      const { prisma } = services();
      expect(await prisma.run.count({ where: { id: started.runId } })).toBe(0); // written after the answer, batched
      await runs.flush();
      const run = await prisma.run.findUniqueOrThrow({ where: { id: started.runId }, include: { nodeRuns: { orderBy: { index: 'asc' } }, message: true } });
      expect(run).toMatchObject({ status: 'succeeded', source: 'api', endUser: 'alice', versionId: chat.versionId, conversationId: started.conversationId });
      expect(run.inputTokens).toBeGreaterThan(0);
      expect(run.nodeRuns.map((node) => [node.nodeId, node.status])).toEqual([
        ['start', 'succeeded'],
        ['llm', 'succeeded'],
        ['answer', 'succeeded'],
      ]);
      expect(run.message).toMatchObject({ id: started.messageId, query: 'hello there', answer: result.answer, conversationId: started.conversationId });
      expect(await prisma.conversation.findUniqueOrThrow({ where: { id: started.conversationId! } })).toMatchObject({ appId: chat.appId, endUser: 'alice', name: 'hello there' });
    });

    it('feeds earlier turns to the model as memory, and refuses another user or app on the conversation', async () => {
      const runs = runServiceOf(services());
      const first = await runs.start({ appId: chat.appId, source: 'api', target: 'published', inputs: {}, query: 'my name is Ada', user: 'bob' });
      await first.result;
      const second = await runs.start({
        appId: chat.appId,
        source: 'api',
        target: 'published',
        inputs: {},
        query: 'what is my name?',
        user: 'bob',
        conversationId: first.conversationId,
      });
      expect(second.conversationId).toBe(first.conversationId);
      await second.result;
      const sent = modelServer.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
      expect(sent.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
      expect(sent.messages[1]?.content).toBe('my name is Ada');
      expect(sent.messages[2]?.content).toBe(`Answer: ${replyPrefix}my name is Ada`);

      const intruder = { appId: chat.appId, source: 'api' as const, target: 'published' as const, inputs: {}, query: 'hi', conversationId: first.conversationId };
      await expect(runs.start({ ...intruder, user: 'mallory' })).rejects.toMatchObject({ code: 'conversation_not_exists', status: 404 });
      await expect(runs.start({ ...intruder, appId: slow.appId, user: 'bob' })).rejects.toMatchObject({ code: 'conversation_not_exists' });

      // A fresh process (empty caches) loads the history from the database.
      await runs.flush();
      const fresh = await createRunService({ ...services(), limits } as RunServiceDeps);
      try {
        const third = await fresh.start({ ...intruder, query: 'and again?', user: 'bob' });
        await third.result;
        const again = modelServer.requests.at(-1)?.body as { messages: { role: string }[] };
        expect(again.messages).toHaveLength(6);
      } finally {
        await fresh.close();
      }
    });

    it('serves warm published runs without reading the database', async () => {
      const counted = countingPrisma(services().prisma);
      const runs = await createRunService({ ...services(), prisma: counted.prisma, limits } as RunServiceDeps);
      try {
        const request = { appId: workflow.appId, source: 'api' as const, target: 'published' as const, inputs: { topic: 'owls' }, user: 'carol' };
        await (await runs.start(request)).result;
        const warm = counted.reads();
        expect(warm).toBeGreaterThan(0);
        for (let index = 0; index < 5; index++) {
          const result = await (await runs.start({ ...request, inputs: { topic: `owls ${index}` } })).result;
          expect(result.outputs.text).toBe(`${replyPrefix}Write about owls ${index}`);
        }
        expect(counted.reads()).toBe(warm);
      } finally {
        await runs.close();
      }
    });

    it('rejects unknown apps, unpublished apps and bad inputs with codes that say what to fix', async () => {
      const runs = runServiceOf(services());
      await expect(runs.start({ appId: 'no-such-app', source: 'api', target: 'published', inputs: {}, user: 'u' })).rejects.toMatchObject({ code: 'app_not_found' });
      const unpublished = await services().prisma.app.create({ data: { workspaceId: chat.workspaceId, mode: 'workflow', name: 'Draft only' } });
      await expect(runs.start({ appId: unpublished.id, source: 'api', target: 'published', inputs: {}, user: 'u' })).rejects.toMatchObject({
        code: 'app_unavailable',
        message: expect.stringContaining('Publish it'),
      });
      const failed = await (await runs.start({ appId: workflow.appId, source: 'api', target: 'published', inputs: {}, user: 'u' })).result;
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"topic" is required') });
    });

    it('limits concurrent runs per app with a retryable too_many_requests, and stop() cancels a running task quickly', async () => {
      const runs = runServiceOf(services());
      const request = { appId: slow.appId, source: 'api' as const, target: 'published' as const, inputs: {}, user: 'dave' };
      const first = await runs.start({ ...request, query: 'slow one' });
      const second = await runs.start({ ...request, query: 'slow two' });
      const error = await runs.start({ ...request, query: 'slow three' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'too_many_requests', status: 429, retryAfterSeconds: 1 });

      const stoppedAt = Date.now();
      expect(await runs.stop(first.taskId, slow.appId)).toBe(true);
      expect(await runs.stop(second.taskId, chat.appId)).toBe(false); // another app's task
      expect((await first.result).status).toBe('cancelled');
      expect(Date.now() - stoppedAt).toBeLessThan(500);
      expect(await runs.stop(first.taskId, slow.appId)).toBe(false); // already over
      await runs.stop(second.taskId, slow.appId);
      expect((await second.result).status).toBe('cancelled');
      const third = await runs.start({ ...request, query: 'slot is free again' });
      await runs.stop(third.taskId, slow.appId);
      await runs.flush();
      const stored = await services().prisma.run.findUniqueOrThrow({ where: { id: first.runId }, include: { nodeRuns: true } });
      expect(stored.status).toBe('cancelled');
      expect(stored.nodeRuns.find((node) => node.nodeId === 'llm')?.status).toBe('cancelled');
    });

    it('returns the same run for the same Idempotency-Key, in flight and after it finished, with one row', async () => {
      const runs = runServiceOf(services());
      const request = { appId: chat.appId, source: 'api' as const, target: 'published' as const, inputs: {}, query: 'idempotent?', user: 'erin', idempotencyKey: 'key-1' };
      const [first, second] = await Promise.all([runs.start(request), runs.start(request)]);
      expect(second.runId).toBe(first.runId);
      expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
      const answer = (await first.result).answer;
      expect((await second.result).answer).toBe(answer);
      expect((await collect(second)).at(-1)?.type).toBe('run-finished');
      await runs.flush();

      const fresh = await createRunService({ ...services(), limits } as RunServiceDeps);
      try {
        const replay = await fresh.start(request);
        expect(replay).toMatchObject({ runId: first.runId, replayed: true, conversationId: first.conversationId, messageId: first.messageId });
        expect((await replay.result).answer).toBe(answer);
        const events = await collect(replay);
        expect(events.map((event) => event.type)).toEqual(['run-started', 'text-chunk', 'run-finished']);
      } finally {
        await fresh.close();
      }
      expect(await services().prisma.run.count({ where: { appId: chat.appId, idempotencyKey: 'key-1' } })).toBe(1);
      const other = await runs.start({ ...request, idempotencyKey: 'key-2' });
      expect(other.runId).not.toBe(first.runId);
      await other.result;
    });

    it('drops cached apps, plans and keys on bus events', async () => {
      const { prisma, bus } = services();
      const runs = runServiceOf(services());
      const app = await seedApp(prisma, chat.workspaceId, { mode: 'workflow', graph: workflowGraph() });
      const request = { appId: app.appId, source: 'api' as const, target: 'published' as const, inputs: { topic: 'v1' }, user: 'frank' };
      expect((await (await runs.start(request)).result).outputs).toHaveProperty('text');
      expect((await runs.directory.authenticate(app.apiKey)).app.id).toBe(app.appId);

      const graph = workflowGraph();
      graph.nodes[2]!.data = { outputs: [{ variable: 'shout', valueSelector: ['start', 'topic'] }] };
      await prisma.workflowVersion.create({ data: { appId: app.appId, number: 2, graph: graph as object } });
      expect((await (await runs.start(request)).result).outputs).toHaveProperty('text'); // cached until published
      await bus.publish({ type: 'app-published', appId: app.appId });
      expect((await (await runs.start(request)).result).outputs).toEqual({ shout: 'v1' });

      await runs.directory.authenticate(app.apiKey); // warm again: publishing dropped the app's keys with the app
      await prisma.apiKey.update({ where: { id: app.apiKeyId }, data: { revokedAt: new Date() } });
      expect((await runs.directory.authenticate(app.apiKey)).apiKeyId).toBe(app.apiKeyId); // cached until revoked
      await bus.publish({ type: 'api-key-revoked', apiKeyId: app.apiKeyId, keyHash: 'unknown' });
      await expect(runs.directory.authenticate(app.apiKey)).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    });
  },
  { modelServer, createRunService: (platform) => createRunService({ ...platform, limits, traceFlushIntervalMs: 20 }) },
);
