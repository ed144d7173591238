import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { bounded } from '../bounded';
import type { CacheLock } from '../cache-coordinator';

// Deletes the lock only if it still holds our token, so a leader whose lock expired never frees another's.
const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export interface RedisLockOptions {
  redis: Redis;
  prefix: string;
  /** Upper bound per operation. Default 50 ms. */
  opTimeoutMs?: number;
}

/** `SET {prefix}lock:<key> <token> NX PX <ttl>`, released with compare-and-delete. */
export function createRedisLock(options: RedisLockOptions): CacheLock {
  const { redis, prefix } = options;
  const opTimeoutMs = options.opTimeoutMs ?? 50;
  const lockKey = (key: string) => `${prefix}lock:${key}`;
  return {
    async acquire(key, ttlMs) {
      const token = randomUUID();
      const reply = await bounded(redis.set(lockKey(key), token, 'PX', ttlMs, 'NX'), opTimeoutMs, 'Redis lock acquire');
      return reply === 'OK' ? token : undefined;
    },
    async release(key, token) {
      return (await bounded(redis.eval(releaseScript, 1, lockKey(key), token), opTimeoutMs, 'Redis lock release')) === 1;
    },
    async isHeld(key) {
      return (await bounded(redis.exists(lockKey(key)), opTimeoutMs, 'Redis lock check')) === 1;
    },
  };
}
