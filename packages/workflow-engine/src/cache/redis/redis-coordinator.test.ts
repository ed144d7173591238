import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis, testRedisUrl, uniqueTestPrefix } from '@weft/testkit';
import { createCacheStats } from '../cache-stats';
import { createMemoryStore } from '../memory-store';
import { createCountingNode, runArgs } from '../test-support/counting-node';
import { createTwoLevelStore } from '../two-level-store';
import { withCache } from '../with-cache';
import { createCacheRedisClient, redisReady } from './create-cache-redis-client';
import { createCacheCoordinator } from './redis-coordinator';
import { createRedisStore } from './redis-store';

const redisProbe = await probeRedis();
const kb = [{ scope: 'knowledge-base' as const, id: 'kb1' }];

describe.skipIf(!redisProbe.ok)('createCacheCoordinator (real Redis)', () => {
  const prefix = uniqueTestPrefix('coordinator');
  const clients: ReturnType<typeof createCacheRedisClient>[] = [];
  const closers: (() => Promise<void>)[] = [];
  let admin: ReturnType<typeof createCacheRedisClient>;

  beforeAll(async () => {
    admin = createCacheRedisClient(testRedisUrl());
    clients.push(admin);
    expect(await redisReady(admin)).toBe(true);
  });
  afterAll(async () => {
    for (const close of closers) await close();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    for (const client of clients) client.disconnect();
  });

  /** One "process": two connections, its own L1, a shared L2, a coordinator and a cached retrieval node. */
  async function startProcess(leaseMs = 250) {
    const redis = createCacheRedisClient(testRedisUrl());
    const subscriber = createCacheRedisClient(testRedisUrl());
    clients.push(redis, subscriber);
    await Promise.all([redisReady(redis), redisReady(subscriber)]);
    const l1 = createMemoryStore({ maxBytes: 1_000_000 });
    const l2 = createRedisStore({ redis, prefix, opTimeoutMs: 200 });
    const coordinator = createCacheCoordinator({ redis, subscriber, prefix, l1, l2, leaseMs, opTimeoutMs: 200 });
    closers.push(() => coordinator.close());
    await coordinator.ready();
    const node = createCountingNode({ type: 'knowledge-retrieval', dependencies: kb });
    const stats = createCacheStats();
    const cached = withCache(node.definition, createTwoLevelStore(l1, l2), { opTimeoutMs: 200 }, { generations: coordinator, stats });
    return { redis, subscriber, l1, coordinator, node, stats, cached };
  }

  it('makes every process drop its entries before invalidate returns, acknowledged by all', async () => {
    const a = await startProcess();
    const b = await startProcess();
    await a.cached.run(runArgs('Ada').args);
    expect((await b.cached.run(runArgs('Ada').args)).metadata?.cacheSource).toBe('l2');
    expect(a.l1.entryCount).toBe(1);
    expect(b.l1.entryCount).toBe(1);

    const report = await b.coordinator.invalidate({ knowledgeBaseId: 'kb1' });
    expect(report.receivers).toBe(2);
    expect(report.acknowledged).toBe(2);
    expect(report.deleted).toBeGreaterThanOrEqual(1);
    expect(a.l1.entryCount).toBe(0);
    expect(a.coordinator.generation('knowledge-base', 'kb1')).toBe(report.generation);

    expect((await a.cached.run(runArgs('Ada').args)).cached).toBeUndefined();
    expect(a.node.executions).toBe(2);
    expect(b.node.executions).toBe(0);
  });

  it('answers generations from memory while the lease holds, and from Redis once it lapses', async () => {
    const a = await startProcess(100);
    expect(await a.coordinator.generation('knowledge-base', 'kb-lease')).toBe(0);
    // Bump it behind the coordinator's back (no publish), so memory and Redis disagree on purpose.
    await admin.incr(`${prefix}gen:knowledge-base:kb-lease`);
    await a.coordinator.ready();
    expect(a.coordinator.generation('knowledge-base', 'kb-lease')).toBe(0);
    const until = performance.now() + 150;
    while (performance.now() < until) {
      // A stuck event loop: no heartbeat can come back, so the lease must lapse.
    }
    expect(a.coordinator.trusted()).toBe(false);
    const read = a.coordinator.generation('knowledge-base', 'kb-lease');
    expect(read).toBeInstanceOf(Promise);
    expect(await read).toBe(1);
    await a.coordinator.ready();
    expect(a.coordinator.trusted()).toBe(true);
  });

  it('stops trusting its memory when the subscriber connection drops, and forgets what it knew', async () => {
    const a = await startProcess();
    const b = await startProcess();
    await a.coordinator.generation('knowledge-base', 'kb-drop');
    a.subscriber.disconnect(true);
    await new Promise((resolve) => a.subscriber.once('close', resolve));
    expect(a.coordinator.trusted()).toBe(false);
    const report = await b.coordinator.invalidate({ knowledgeBaseId: 'kb-drop' });
    expect(await a.coordinator.generation('knowledge-base', 'kb-drop')).toBe(report.generation);
    await a.coordinator.ready();
    expect(a.coordinator.trusted()).toBe(true);
  });

  it('runs nodes uncached when generations cannot be read at all', async () => {
    const a = await startProcess();
    a.subscriber.disconnect(false);
    a.redis.disconnect(false);
    const run = runArgs('Ada');
    const result = await a.cached.run(run.args);
    expect(result.outputs.text).toBe('Hello Ada');
    expect(a.stats.errors).toBeGreaterThan(0);
    expect(run.warnings[0]).toContain('key derivation');
  });
});
