import { afterAll, beforeAll, expect, it } from 'vitest';
import { replyPrefix, startModelTestServer } from '@weft/model-test-server';
import { createInvalidationBus } from '../services/invalidation-bus';
import type { InvalidationBus } from '../services/contracts';
import { describeBothDatabases } from '../test-support/test-services';
import { createRunService, type RunServiceDeps, type WeftRunService } from './create-run-service';
import { chatGraph, seedApp, seedWorkspace, type SeededApp } from './test-support/seed-apps';

const modelServer = await startModelTestServer();
afterAll(() => modelServer.close());

const limits = { maxConcurrentRunsPerApp: 10 };
// Generous cache timeouts: on a loaded test machine a 50 ms Redis read can miss, and the node would run uncached.
const nodeCache = { opTimeoutMs: 2_000 };

describeBothDatabases(
  'run services of two API processes sharing Redis',
  ({ services }) => {
    let chat: SeededApp;
    let slow: SeededApp;
    let first: WeftRunService;
    let second: WeftRunService;
    let secondBus: InvalidationBus;

    beforeAll(async () => {
      const { prisma, secrets } = services();
      chat = await seedApp(prisma, await seedWorkspace(prisma, secrets, modelServer.url), { mode: 'chatflow', graph: chatGraph() });
      const slowWorkspace = await seedWorkspace(prisma, secrets, modelServer.url, { headers: { 'x-test-latency-ms': '3000' } });
      slow = await seedApp(prisma, slowWorkspace, { mode: 'chatflow', graph: chatGraph({ cache: false }) });
      first = services().runs as WeftRunService;
      // The second "process": its own bus and run service on the same database, Redis and prefix.
      const { redis, redisPrefix, logger } = services();
      secondBus = await createInvalidationBus({ redis, prefix: redisPrefix, logger });
      second = await createRunService({ ...services(), bus: secondBus, limits, nodeCache } as RunServiceDeps);
    });
    afterAll(async () => {
      await second?.close();
      await secondBus?.close();
    });

    it('shares node cache entries: the second process answers from Redis without calling the model', async () => {
      const request = { appId: chat.appId, source: 'api' as const, target: 'published' as const, inputs: {}, user: 'p', query: `shared ${Date.now()}` };
      const before = modelServer.stats.chatRequests;
      const answer = (await (await first.start(request)).result).answer;
      expect(modelServer.stats.chatRequests).toBe(before + 1);
      const fromOther = await (await second.start(request)).result;
      expect(fromOther.answer).toBe(answer);
      expect(fromOther.answer).toContain(replyPrefix);
      expect(fromOther.cachedNodeIds).toEqual(['llm']);
      expect(modelServer.stats.chatRequests).toBe(before + 1);
      expect(second.nodeCache.stats.hits.l2).toBeGreaterThanOrEqual(1);
    });

    it('stops a run from the process that did not start it', async () => {
      const started = await first.start({ appId: slow.appId, source: 'api', target: 'published', inputs: {}, user: 'p', query: 'far away' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stoppedAt = Date.now();
      expect(await second.stop(started.taskId, slow.appId)).toBe(false); // not here, so it is published
      const result = await started.result;
      expect(result.status).toBe('cancelled');
      expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    });

    it('drops the other process\'s compiled plan when the app is published there', async () => {
      const app = await seedApp(services().prisma, chat.workspaceId, { mode: 'chatflow', graph: chatGraph() });
      const request = { appId: app.appId, source: 'api' as const, target: 'published' as const, inputs: {}, user: 'p', query: 'version?' };
      expect((await (await second.start(request)).result).answer).toMatch(/^Answer: /);
      const graph = chatGraph();
      graph.nodes[2]!.data = { answer: 'Version two says: {{#llm.text#}}' };
      await services().prisma.workflowVersion.create({ data: { appId: app.appId, number: 2, graph: graph as object } });
      await services().bus.publish({ type: 'app-published', appId: app.appId });
      await expect.poll(async () => (await (await second.start(request)).result).answer, { timeout: 2_000 }).toMatch(/^Version two says: /);
    });
  },
  { modelServer, redis: true, createRunService: (platform) => createRunService({ ...platform, limits, nodeCache }) },
);
