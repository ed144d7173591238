import { probeRedis, testRedisUrl, uniqueTestPrefix } from '@weft/testkit';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocumentLocks } from './redis-document-lock';

const redis = await probeRedis();
const client = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
const prefix = uniqueTestPrefix('document-lock');
afterAll(async () => {
  if (!redis.ok) return;
  const keys = await client.keys(`${prefix}*`);
  if (keys.length > 0) await client.del(...keys);
  await client.quit();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!redis.ok)('createDocumentLocks on the real Redis', () => {
  it('holds a document while renewed past its TTL, frees it on release, and keeps documents apart', async () => {
    // Renewed every ttl/3: the lease survives an event-loop stall of up to ~2/3 of the TTL, so a TTL of 600 ms
    // keeps this test honest on a loaded CI machine while still outliving it three times over.
    const locks = createDocumentLocks({ redis: client, prefix, ttlMs: 600 });
    const lease = await locks.acquire('doc-a');
    expect(lease).toBeDefined();
    await sleep(1_800);
    expect(await locks.acquire('doc-a')).toBeUndefined();
    const other = await locks.acquire('doc-b');
    expect(other).toBeDefined();
    await lease?.release();
    const again = await locks.acquire('doc-a');
    expect(again).toBeDefined();
    await Promise.all([again?.release(), other?.release()]);
  });

  it('frees a document whose holder stopped renewing once its TTL passes', async () => {
    const locks = createDocumentLocks({ redis: client, prefix, ttlMs: 100 });
    const key = `${prefix}document-lock:doc-c`;
    await client.set(key, 'a-dead-worker', 'PX', 100);
    expect(await locks.acquire('doc-c')).toBeUndefined();
    await sleep(200);
    const lease = await locks.acquire('doc-c');
    expect(lease).toBeDefined();
    const token = await client.get(key);
    expect(token).not.toBe('a-dead-worker');
    await client.set(key, 'taken-over', 'PX', 1000); // this lease lapsed and another worker took the document
    await lease?.release();
    expect(await client.get(key)).toBe('taken-over');
  });
});
