import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis, testRedisUrl, uniqueTestPrefix } from '@weft/testkit';
import { cacheKey } from '../cache-key';
import { createCacheStats } from '../cache-stats';
import { createMemoryStore } from '../memory-store';
import { createCountingNode, runArgs, type CountingNodeOptions } from '../test-support/counting-node';
import { createTwoLevelStore } from '../two-level-store';
import { withCache } from '../with-cache';
import { createCacheRedisClient, redisReady } from './create-cache-redis-client';
import { createRedisLock } from './redis-lock';
import { createRedisStore } from './redis-store';

const redisProbe = await probeRedis();

describe.skipIf(!redisProbe.ok)('cross-process stampede guard (real Redis)', () => {
  const prefix = uniqueTestPrefix('redis-lock');
  const clients = [createCacheRedisClient(testRedisUrl()), createCacheRedisClient(testRedisUrl())];
  const [first, second] = clients as [(typeof clients)[0], (typeof clients)[0]];

  beforeAll(async () => {
    for (const client of clients) expect(await redisReady(client)).toBe(true);
  });
  afterAll(async () => {
    const keys = await first.keys(`${prefix}*`);
    if (keys.length > 0) await first.del(...keys);
    for (const client of clients) client.disconnect();
  });

  /** One "process": its own connection, in-memory L1, singleflight and stats, sharing Redis with the others. */
  function processWith(redis: typeof first, options: CountingNodeOptions, lockWaitMs = 5000) {
    const node = createCountingNode(options);
    const stats = createCacheStats();
    const store = createTwoLevelStore(createMemoryStore({ maxBytes: 1_000_000 }), createRedisStore({ redis, prefix, opTimeoutMs: 200 }));
    const lock = createRedisLock({ redis, prefix, opTimeoutMs: 200 });
    const cached = withCache(node.definition, store, { opTimeoutMs: 200, lockWaitMs }, { lock, stats });
    return { node, stats, cached };
  }

  it('runs identical work once across two processes; the follower gets the leader\'s result and chunks', async () => {
    const a = processWith(first, { chunks: ['x', 'y'], delayMs: 150 });
    const b = processWith(second, { chunks: ['x', 'y'], delayMs: 150 });
    const runA = runArgs('Ada');
    const runB = runArgs('Ada');
    const [resultA, resultB] = await Promise.all([a.cached.run(runA.args), new Promise((r) => setTimeout(r, 20)).then(() => b.cached.run(runB.args))]);
    expect(a.node.executions + b.node.executions).toBe(1);
    expect(resultA.outputs).toEqual(resultB.outputs);
    expect(resultB.cached).toBe(true);
    expect(resultB.metadata?.cacheSource).toBe('l2');
    expect(runB.chunks).toEqual(['x', 'y']);
    expect(b.stats).toMatchObject({ lockWaits: 1, lockWaitHits: 1 });
  });

  it('runs after the bounded wait when the lock holder died without releasing', async () => {
    const a = processWith(first, {}, 300);
    const run = runArgs('Grace');
    const key = cacheKey({ type: 'llm', version: 1, config: run.args.config, inputs: run.args.inputs, generations: {} }, { normalise: true, synonyms: {} });
    expect(await second.set(`${prefix}lock:${key}`, 'dead-process-token', 'PX', 10_000, 'NX')).toBe('OK');
    const started = performance.now();
    const result = await a.cached.run(run.args);
    const elapsed = performance.now() - started;
    expect(result.outputs.text).toBe('Hello Grace');
    expect(a.node.executions).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1000);
    expect(await second.get(`${prefix}lock:${key}`)).toBe('dead-process-token');
  });

  it('takes over at once when the lock holder failed and released the lock', async () => {
    const a = processWith(first, { delayMs: 100, failures: 1 });
    const b = processWith(second, {});
    const leaderRun = a.cached.run(runArgs('Linus').args);
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    const follower = b.cached.run(runArgs('Linus').args);
    await expect(leaderRun).rejects.toThrow('model failed');
    const result = await follower;
    expect(result.cached).toBeUndefined();
    expect(b.node.executions).toBe(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('releases only its own lock (compare-and-delete)', async () => {
    const lock = createRedisLock({ redis: first, prefix });
    const token = await lock.acquire('mine', 5000);
    expect(token).toBeTypeOf('string');
    expect(await lock.acquire('mine', 5000)).toBeUndefined();
    expect(await lock.release('mine', 'someone-else')).toBe(false);
    expect(await lock.isHeld('mine')).toBe(true);
    expect(await lock.release('mine', token ?? '')).toBe(true);
    expect(await lock.isHeld('mine')).toBe(false);
  });
});
