import { probeRedis, testRedisUrl, uniqueTestPrefix } from '@weft/testkit';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisRateLimitStore } from './create-redis-rate-limit-store';
import type { GatewayLogger } from './gateway-logger';

const redis = await probeRedis();

describe.skipIf(!redis.ok)('createRedisRateLimitStore (real Redis)', () => {
  const prefix = uniqueTestPrefix('rate-limit-store');
  const clientA = new Redis(testRedisUrl());
  const clientB = new Redis(testRedisUrl());
  const now = 60_000 * 2000 + 50_000;

  afterAll(async () => {
    const keys = await clientA.keys(`${prefix}*`);
    if (keys.length > 0) await clientA.del(...keys);
    clientA.disconnect();
    clientB.disconnect();
  });

  it('shares one rpm budget between two clients and expires the window key', async () => {
    const storeA = createRedisRateLimitStore(clientA, prefix, { now: () => now });
    const storeB = createRedisRateLimitStore(clientB, prefix, { now: () => now });
    const decisions = [];
    for (const store of [storeA, storeB, storeA, storeB]) decisions.push(await store.take({ key: 'openai', rpm: 3, tokens: 0 }));
    expect(decisions.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(decisions[3]).toEqual({ allowed: false, retryAfterMs: 10_000 });
    const windowKey = `${prefix}openai:${now - (now % 60_000)}`;
    expect(await clientA.hget(windowKey, 'r')).toBe('3');
    const ttl = await clientA.pttl(windowKey);
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it('shares tpm and applies reconciliations from either client, never below zero', async () => {
    const storeA = createRedisRateLimitStore(clientA, prefix, { now: () => now });
    const storeB = createRedisRateLimitStore(clientB, prefix, { now: () => now });
    expect(await storeA.take({ key: 'tokens', tpm: 100, tokens: 70 })).toEqual({ allowed: true });
    expect((await storeB.take({ key: 'tokens', tpm: 100, tokens: 40 })).allowed).toBe(false);
    await storeA.adjustTokens('tokens', -50);
    expect(await storeB.take({ key: 'tokens', tpm: 100, tokens: 40 })).toEqual({ allowed: true });
    await storeB.adjustTokens('tokens', -1000);
    expect(await clientA.hget(`${prefix}tokens:${now - (now % 60_000)}`, 't')).toBe('0');
  });

  it('falls back to an in-process limiter when Redis is down, and logs it once', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    down.on('error', () => undefined);
    const warnings: string[] = [];
    const logger: GatewayLogger = { warn: (message) => warnings.push(message) };
    const store = createRedisRateLimitStore(down, prefix, { now: () => now, logger });
    const decisions = [];
    for (let index = 0; index < 3; index += 1) decisions.push(await store.take({ key: 'down', rpm: 2, tokens: 0 }));
    await store.adjustTokens('down', 5);
    expect(decisions).toEqual([{ allowed: true }, { allowed: true }, { allowed: false, retryAfterMs: 10_000 }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Redis rate limit store failed/);
    down.disconnect();
  });

  it('treats a Redis that never answers (offline queue) as down after the command timeout', async () => {
    const hanging = new Redis('redis://127.0.0.1:1', { lazyConnect: true, retryStrategy: () => 1000 });
    hanging.on('error', () => undefined);
    const warnings: string[] = [];
    const store = createRedisRateLimitStore(hanging, prefix, { now: () => now, commandTimeoutMs: 50, logger: { warn: (message) => warnings.push(message) } });
    const started = performance.now();
    expect(await store.take({ key: 'hanging', rpm: 1, tokens: 0 })).toEqual({ allowed: true });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(warnings).toHaveLength(1);
    hanging.disconnect();
  });
});
