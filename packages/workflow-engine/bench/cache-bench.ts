import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createCacheStats, createMemoryStore, createTwoLevelStore, withCache, type CacheStore } from '../src/cache';
import { createCacheRedisClient, createRedisLock, createRedisStore, redisReady } from '../src/cache/redis';
import { createCountingNode, runArgs } from '../src/cache/test-support/counting-node';

/**
 * Measures the cache decorator against a real Redis:
 * - `cache.l1_hit_us`: µs per withCache hit served from the in-process L1 (key derivation included);
 * - `cache.l2_hit_p50_ms` / `cache.l2_hit_p99_ms`: per-hit latency served from Redis with no L1;
 * - `cache.stampede_executions`: executions of the node for 100 concurrent identical calls (must be 1).
 */
export async function measureCache(options: { redisUrl: string }): Promise<Record<string, number>> {
  const redis = createCacheRedisClient(options.redisUrl);
  const prefix = `weft-bench:cache:${randomUUID().slice(0, 8)}:`;
  try {
    if (!(await redisReady(redis, 2000))) throw new Error(`Redis at ${options.redisUrl} is unreachable: start it (see README) to measure the cache.`);
    const l2 = createRedisStore({ redis, prefix, opTimeoutMs: 1000 });
    const lock = createRedisLock({ redis, prefix, opTimeoutMs: 1000 });
    const l1HitMicroseconds = await measureL1Hit(createTwoLevelStore(createMemoryStore({ maxBytes: 64_000_000 }), l2));
    const l2Latencies = await measureL2Hits(l2);
    const stampedeExecutions = await measureStampede(createTwoLevelStore(createMemoryStore({ maxBytes: 64_000_000 }), l2), lock);
    return {
      'cache.l1_hit_us': round(l1HitMicroseconds, 2),
      'cache.l2_hit_p50_ms': round(percentile(l2Latencies, 0.5), 3),
      'cache.l2_hit_p99_ms': round(percentile(l2Latencies, 0.99), 3),
      'cache.stampede_executions': stampedeExecutions,
    };
  } finally {
    const keys = redis.status === 'ready' ? await redis.keys(`${prefix}*`) : [];
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

async function measureL1Hit(store: CacheStore): Promise<number> {
  const node = createCountingNode({ chunks: ['Hello', ' there'] });
  const cached = withCache(node.definition, store, { opTimeoutMs: 1000 });
  const run = runArgs('Ada Lovelace, what is the refund policy?');
  await cached.run(run.args);
  for (let index = 0; index < 2000; index++) await cached.run(run.args);
  const rounds = 20_000;
  const started = performance.now();
  for (let index = 0; index < rounds; index++) await cached.run(run.args);
  const elapsed = performance.now() - started;
  if (node.executions !== 1) throw new Error(`L1 bench: expected 1 execution, saw ${node.executions}`);
  return (elapsed * 1000) / rounds;
}

async function measureL2Hits(l2: CacheStore): Promise<number[]> {
  const node = createCountingNode({ chunks: ['Hello', ' there'] });
  const stats = createCacheStats();
  const cached = withCache(node.definition, l2, { opTimeoutMs: 1000 }, { stats });
  const run = runArgs('Grace Hopper, what is the refund policy?');
  await cached.run(run.args);
  for (let index = 0; index < 200; index++) await cached.run(run.args);
  const latencies: number[] = [];
  for (let index = 0; index < 2000; index++) {
    const started = performance.now();
    await cached.run(run.args);
    latencies.push(performance.now() - started);
  }
  if (stats.hits.l2 !== 2200 || node.executions !== 1) throw new Error(`L2 bench: expected 2200 L2 hits and 1 execution, saw ${stats.hits.l2} and ${node.executions}`);
  return latencies;
}

async function measureStampede(store: CacheStore, lock: ReturnType<typeof createRedisLock>): Promise<number> {
  const node = createCountingNode({ chunks: ['a', 'b', 'c'], delayMs: 30 });
  const cached = withCache(node.definition, store, { opTimeoutMs: 1000 }, { lock });
  await Promise.all(Array.from({ length: 100 }, () => cached.run(runArgs('Linus').args)));
  return node.executions;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await measureCache({ redisUrl: process.argv[2] ?? 'redis://127.0.0.1:6379' }), null, 2));
}
