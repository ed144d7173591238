import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis, testRedisUrl, uniqueTestPrefix } from '@weft/testkit';
import type { CacheEntry } from '../cache-store';
import { createMemoryStore } from '../memory-store';
import { createTwoLevelStore } from '../two-level-store';
import { createCacheRedisClient, redisReady } from './create-cache-redis-client';
import { createRedisStore } from './redis-store';

const redisProbe = await probeRedis();
const entry = (text: string): CacheEntry => ({ outputs: { text }, chunks: ['a', 'b'], usage: { inputTokens: 1, outputTokens: 2 }, empty: false, storedAt: 1 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!redisProbe.ok)('createRedisStore (real Redis)', () => {
  const prefix = uniqueTestPrefix('redis-store');
  const redis = createCacheRedisClient(testRedisUrl());
  const store = createRedisStore({ redis, prefix, opTimeoutMs: 500 });
  beforeAll(async () => {
    expect(await redisReady(redis)).toBe(true);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('stores entries as JSON with a PX TTL and reads them back with the time left', async () => {
    await store.set('k1', entry('hello'), { ttlMs: 60_000, tags: ['kb:1'] });
    const hit = await store.get('k1');
    expect(hit?.entry).toEqual(entry('hello'));
    expect(hit?.tags).toEqual(['kb:1']);
    expect(hit?.level).toBe('l2');
    expect(hit?.ttlMs).toBeGreaterThan(59_000);
    expect(hit?.ttlMs).toBeLessThanOrEqual(60_000);
    const pttl = await redis.pttl(`${prefix}entry:k1`);
    expect(pttl).toBeGreaterThan(59_000);
  });

  it('lets entries expire', async () => {
    await store.set('short', entry('x'), { ttlMs: 40, tags: [] });
    expect(await store.get('short')).toBeDefined();
    await sleep(80);
    expect(await store.get('short')).toBeUndefined();
  });

  it('deletes by tag exactly the entries stored with it, and gives tag sets an expiry', async () => {
    await store.set('a', entry('a'), { ttlMs: 10_000, tags: ['kb:t1'] });
    await store.set('b', entry('b'), { ttlMs: 30_000, tags: ['kb:t1', 'kb:t2'] });
    await store.set('c', entry('c'), { ttlMs: 10_000, tags: ['kb:t2'] });
    const tagTtl = await redis.pttl(`${prefix}tag:kb:t1`);
    expect(tagTtl).toBeGreaterThan(20_000);
    expect(await store.deleteByTag('kb:t1')).toBe(2);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('c')).toBeDefined();
    expect(await redis.exists(`${prefix}tag:kb:t1`)).toBe(0);
  });

  it('rejects a corrupt entry with a typed error and deletes it', async () => {
    await redis.set(`${prefix}entry:bad`, '{"e":{"outputs":3}}', 'PX', 10_000);
    await expect(store.get('bad')).rejects.toMatchObject({ code: 'cache_corrupt_entry' });
    expect(await redis.exists(`${prefix}entry:bad`)).toBe(0);
  });

  it('promotes L2 hits into a memory L1 with the remaining TTL', async () => {
    const l1 = createMemoryStore({ maxBytes: 100_000 });
    const twoLevel = createTwoLevelStore(l1, store);
    await store.set('promote', entry('p'), { ttlMs: 5000, tags: ['kb:p'] });
    expect((await twoLevel.get('promote'))?.level).toBe('l2');
    const promoted = await l1.get('promote');
    expect(promoted?.ttlMs).toBeLessThanOrEqual(5000);
    expect(promoted?.tags).toEqual(['kb:p']);
    expect((await twoLevel.get('promote'))?.level).toBe('l1');
  });
});
