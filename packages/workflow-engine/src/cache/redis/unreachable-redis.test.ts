import { afterAll, describe, expect, it } from 'vitest';
import { createCacheErrorReporter, createCacheStats } from '../cache-stats';
import { createMemoryStore } from '../memory-store';
import { createCountingNode, runArgs } from '../test-support/counting-node';
import { createTwoLevelStore } from '../two-level-store';
import { withCache } from '../with-cache';
import { createCacheRedisClient } from './create-cache-redis-client';
import { createCacheCoordinator } from './redis-coordinator';
import { createRedisLock } from './redis-lock';
import { createRedisStore } from './redis-store';

// Nothing listens on port 1: every connection attempt is refused, for as long as the test runs.
const deadUrl = 'redis://127.0.0.1:1';
const opTimeoutMs = 50;

describe('a cache whose Redis is unreachable', () => {
  const redis = createCacheRedisClient(deadUrl);
  const subscriber = createCacheRedisClient(deadUrl);

  const l1 = createMemoryStore({ maxBytes: 1_000_000 });
  const l2 = createRedisStore({ redis, prefix: 'weft-test:dead:', opTimeoutMs });
  const coordinator = createCacheCoordinator({ redis, subscriber, prefix: 'weft-test:dead:', l1, l2, opTimeoutMs });
  const stats = createCacheStats();
  const lock = createRedisLock({ redis, prefix: 'weft-test:dead:', opTimeoutMs });
  // One reporter shared by both wrapped types, as cacheRegistry does: a dead Redis is reported once.
  const services = { generations: coordinator, lock, stats, reportError: createCacheErrorReporter() };

  afterAll(async () => {
    await coordinator.close();
    redis.disconnect();
    subscriber.disconnect();
  });

  it('still runs every node, each within the bounded timeout, and logs the failures once', async () => {
    const llm = createCountingNode({ type: 'llm' });
    const retrieval = createCountingNode({ type: 'knowledge-retrieval', dependencies: [{ scope: 'knowledge-base', id: 'kb1' }] });
    const cachedLlm = withCache(llm.definition, createTwoLevelStore(l1, l2), { opTimeoutMs }, services);
    const cachedRetrieval = withCache(retrieval.definition, createTwoLevelStore(l1, l2), { opTimeoutMs }, services);
    const warnings: string[] = [];
    let slowest = 0;
    for (let index = 0; index < 20; index++) {
      for (const cached of [cachedLlm, cachedRetrieval]) {
        const run = runArgs(`user ${index}`);
        const started = performance.now();
        const result = await cached.run(run.args);
        slowest = Math.max(slowest, performance.now() - started);
        expect(result.outputs.text).toBe(`Hello user ${index}`);
        warnings.push(...run.warnings);
      }
    }
    expect(llm.executions).toBe(20);
    expect(retrieval.executions).toBe(20);
    // Each run makes a few cache operations, each bounded by opTimeoutMs; refused connections fail at once.
    expect(slowest).toBeLessThan(opTimeoutMs * 4);
    expect(stats.errors).toBeGreaterThanOrEqual(40);
    expect(warnings).toHaveLength(1);
  });

  it('answers repeats from L1 even while Redis is down', async () => {
    const llm = createCountingNode({ type: 'llm' });
    const cached = withCache(llm.definition, createTwoLevelStore(l1, l2), { opTimeoutMs }, services);
    await cached.run(runArgs('repeat').args);
    const repeat = await cached.run(runArgs('repeat').args);
    expect(repeat.cached).toBe(true);
    expect(llm.executions).toBe(1);
  });

  it('fails invalidate loudly and quickly instead of pretending it happened', async () => {
    const started = performance.now();
    await expect(coordinator.invalidate({ knowledgeBaseId: 'kb1' })).rejects.toMatchObject({ code: 'cache_unavailable' });
    expect(performance.now() - started).toBeLessThan(opTimeoutMs * 10 + 50);
  });
});
