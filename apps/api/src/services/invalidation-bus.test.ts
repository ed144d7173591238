import { Redis } from 'ioredis';
import { probeRedis, testRedisUrl, uniqueTestPrefix, unusedPort } from '@weft/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestLogger } from '../test-support/test-logger';
import type { InvalidationBus, InvalidationEvent } from './contracts';
import { createInvalidationBus } from './invalidation-bus';

const redisProbe = await probeRedis();

function collect(bus: InvalidationBus): InvalidationEvent[] {
  const seen: InvalidationEvent[] = [];
  bus.subscribe((event) => seen.push(event));
  return seen;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('createInvalidationBus in process', () => {
  it('delivers to every subscriber before publish resolves, and stops after unsubscribe', async () => {
    const bus = await createInvalidationBus({ prefix: 'unused:' });
    const first = collect(bus);
    const second: InvalidationEvent[] = [];
    const unsubscribe = bus.subscribe((event) => second.push(event));
    await bus.publish({ type: 'app-published', appId: 'a1' });
    unsubscribe();
    await bus.publish({ type: 'app-deleted', appId: 'a1' });
    expect(first).toEqual([
      { type: 'app-published', appId: 'a1' },
      { type: 'app-deleted', appId: 'a1' },
    ]);
    expect(second).toEqual([{ type: 'app-published', appId: 'a1' }]);
    await bus.close();
  });

  it('keeps delivering to other subscribers when one throws, and logs the failure', async () => {
    const { logger, entries } = createTestLogger({ print: false });
    const bus = await createInvalidationBus({ prefix: 'unused:', logger });
    bus.subscribe(() => {
      throw new Error('broken cache');
    });
    const seen = collect(bus);
    await bus.publish({ type: 'credentials-changed', workspaceId: 'w1' });
    expect(seen).toEqual([{ type: 'credentials-changed', workspaceId: 'w1' }]);
    expect(entries.some((entry) => entry.level === 'error' && entry.message === 'invalidation handler failed')).toBe(true);
    await bus.close();
  });
});

describe('createInvalidationBus with Redis down', () => {
  it('still delivers locally, and publish resolves quickly with the failure logged', async () => {
    const port = await unusedPort();
    const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => 100 });
    redis.on('error', () => undefined);
    const { logger, entries } = createTestLogger({ print: false });
    const started = Date.now();
    const bus = await createInvalidationBus({ redis, prefix: 'down:', logger, redisTimeoutMs: 300 });
    const seen = collect(bus);
    await bus.publish({ type: 'api-key-revoked', apiKeyId: 'k1', keyHash: 'h1' });
    expect(seen).toEqual([{ type: 'api-key-revoked', apiKeyId: 'k1', keyHash: 'h1' }]);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(entries.map((entry) => entry.message)).toContain(
      'invalidation not sent to other processes: they may serve stale data until their caches expire',
    );
    await bus.close();
    redis.disconnect();
  });
});

describe.skipIf(!redisProbe.ok)('createInvalidationBus across processes (real Redis)', () => {
  const clients: Redis[] = [];
  const buses: InvalidationBus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await Promise.all(clients.map((client) => client.quit()));
  });

  async function process(prefix: string): Promise<InvalidationBus> {
    const redis = new Redis(testRedisUrl(), { lazyConnect: true });
    await redis.connect();
    clients.push(redis);
    const bus = await createInvalidationBus({ redis, prefix });
    buses.push(bus);
    return bus;
  }

  it('lets two processes see each other’s events, each event exactly once everywhere', async () => {
    const prefix = uniqueTestPrefix('bus');
    const [busA, busB] = [await process(prefix), await process(prefix)];
    const seenA = collect(busA);
    const seenB = collect(busB);

    const fromA: InvalidationEvent = { type: 'app-updated', appId: 'from-a' };
    await busA.publish(fromA);
    expect(seenA).toEqual([fromA]); // local delivery is synchronous
    await waitFor(() => seenB.length === 1, 'B to receive A’s event');

    // Redis delivers in publish order, so once A sees B's marker, A's own echo (if any) has arrived before it.
    const marker: InvalidationEvent = { type: 'knowledge-base-changed', knowledgeBaseId: 'marker' };
    await busB.publish(marker);
    await waitFor(() => seenA.length >= 2, 'A to receive B’s marker');
    expect(seenA).toEqual([fromA, marker]);
    expect(seenB).toEqual([fromA, marker]);
  });

  it('does not hear buses with another prefix, and ignores malformed messages', async () => {
    const prefix = uniqueTestPrefix('bus');
    const { logger, entries } = createTestLogger({ print: false });
    const redis = new Redis(testRedisUrl(), { lazyConnect: true });
    await redis.connect();
    clients.push(redis);
    const listener = await createInvalidationBus({ redis, prefix, logger });
    buses.push(listener);
    const other = await process(uniqueTestPrefix('bus-other'));
    const sender = await process(prefix);
    const seen = collect(listener);

    await other.publish({ type: 'app-deleted', appId: 'elsewhere' });
    await redis.publish(`${prefix}invalidate`, '{"origin":"x","event":{"type":"app-exploded"}}');
    await sender.publish({ type: 'app-deleted', appId: 'here' });
    await waitFor(() => seen.length >= 1, 'the listener to receive the valid event');
    expect(seen).toEqual([{ type: 'app-deleted', appId: 'here' }]);
    expect(entries.map((entry) => entry.message)).toContain('ignored a malformed invalidation message');
  });
});

