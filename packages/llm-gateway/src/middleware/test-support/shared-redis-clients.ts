import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { testRedisUrl, uniqueTestPrefix } from '@weft/testkit';

export interface SharedRedisClients {
  /** Unique key prefix for this suite; its keys are deleted after the suite. */
  prefix: string;
  /** Two connections to the test Redis, standing for two processes. */
  clientA: Redis;
  clientB: Redis;
  /** A client of a Redis that is not there: every command fails at once. */
  dead: Redis;
}

/** Call at the top of a `describe`: the clients are disconnected (and the prefix's keys deleted) after its tests. */
export function useSharedRedisClients(label: string): SharedRedisClients {
  const prefix = uniqueTestPrefix(label);
  const clientA = new Redis(testRedisUrl());
  const clientB = new Redis(testRedisUrl());
  const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  dead.on('error', () => undefined);
  afterAll(async () => {
    const keys = await clientA.keys(`${prefix}*`);
    if (keys.length > 0) await clientA.del(...keys);
    clientA.disconnect();
    clientB.disconnect();
    dead.disconnect();
  });
  return { prefix, clientA, clientB, dead };
}
