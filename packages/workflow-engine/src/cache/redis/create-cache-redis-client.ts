import { Redis } from 'ioredis';

export interface CacheRedisClientOptions {
  /** How long the first connection (and each reconnect) may take. Default 1000 ms. */
  connectTimeoutMs?: number;
  /** Shown in `CLIENT LIST`. */
  connectionName?: string;
}

/**
 * An ioredis client tuned for a cache, where a slow answer is worse than none:
 * - `enableOfflineQueue: false`: while disconnected, commands fail at once instead of queueing until a
 *   reconnect (which could hold a run for seconds);
 * - `maxRetriesPerRequest: 0`: a command caught by a dropped connection fails instead of being resent;
 * - reconnects keep happening in the background (backoff capped at 2 s), so the cache heals on its own;
 * - the `error` event is absorbed: failures surface as rejected commands, which the cache counts and logs.
 * Create two per process when using a coordinator: one for commands, one to subscribe.
 */
export function createCacheRedisClient(url: string, options: CacheRedisClientOptions = {}): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: options.connectTimeoutMs ?? 1000,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2000),
    connectionName: options.connectionName,
  });
  client.on('error', () => undefined);
  return client;
}

/** Resolves true once `client` is connected, false if that takes longer than `timeoutMs` (never rejects). */
export function redisReady(client: Redis, timeoutMs = 1000): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.on('ready', onReady);
  });
}
