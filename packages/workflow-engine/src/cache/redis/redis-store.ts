import type { Redis } from 'ioredis';
import { bounded } from '../bounded';
import { CacheError } from '../cache-error';
import { cacheEntrySchema, type CacheLevel, type CacheStore } from '../cache-store';

export interface RedisStoreOptions {
  redis: Redis;
  /** Namespace for every key, e.g. `weft:cache:`. */
  prefix: string;
  /** Upper bound per operation. Default 50 ms. */
  opTimeoutMs?: number;
  /** Reported on hits. Default `l2`. */
  level?: CacheLevel;
}

// Deletes every key listed in the tag set, then the set. Batches keep `unpack` within Lua's stack limit.
const deleteByTagScript = `
local members = redis.call('SMEMBERS', KEYS[1])
local deleted = 0
for i = 1, #members, 500 do
  deleted = deleted + redis.call('UNLINK', unpack(members, i, math.min(i + 499, #members)))
end
redis.call('DEL', KEYS[1])
return deleted`;

/**
 * Entries as JSON strings with a PX TTL under `{prefix}entry:<key>`; each tag is a set
 * `{prefix}tag:<tag>` of entry keys whose expiry is stretched to the longest-lived member.
 * Keys of a tag are assumed to live on one Redis node (no Cluster support for `deleteByTag`).
 */
export function createRedisStore(options: RedisStoreOptions): CacheStore {
  const { redis, prefix } = options;
  const opTimeoutMs = options.opTimeoutMs ?? 50;
  const level = options.level ?? 'l2';
  const entryKey = (key: string) => `${prefix}entry:${key}`;
  const tagKey = (tag: string) => `${prefix}tag:${tag}`;

  async function get(key: string) {
    const replies = await redis.pipeline().get(entryKey(key)).pttl(entryKey(key)).exec();
    const [[readError, text] = [], [, ttlMs] = []] = replies ?? [];
    if (readError) throw readError;
    if (typeof text !== 'string') return undefined;
    let stored: { e?: unknown; t?: unknown };
    try {
      stored = JSON.parse(text) as typeof stored;
    } catch (error) {
      stored = { e: error };
    }
    const entry = cacheEntrySchema.safeParse(stored.e);
    const tags = Array.isArray(stored.t) ? stored.t.filter((tag): tag is string => typeof tag === 'string') : [];
    if (!entry.success) {
      await redis.unlink(entryKey(key));
      throw new CacheError({
        code: 'cache_corrupt_entry',
        message: `Cache entry ${entryKey(key)} is not a valid cache entry (deleted it): ${entry.error.message}. Is another program writing under the prefix "${prefix}"?`,
      });
    }
    return { entry: entry.data, ttlMs: typeof ttlMs === 'number' ? ttlMs : 0, tags, level };
  }

  async function set(key: string, entry: unknown, ttlMs: number, tags: readonly string[]) {
    const pipeline = redis.pipeline().set(entryKey(key), JSON.stringify({ e: entry, t: tags }), 'PX', ttlMs);
    for (const tag of tags) {
      pipeline.sadd(tagKey(tag), entryKey(key)).pexpire(tagKey(tag), ttlMs, 'NX').pexpire(tagKey(tag), ttlMs, 'GT');
    }
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  return {
    get: (key) => bounded(get(key), opTimeoutMs, 'Redis get'),
    set: (key, entry, { ttlMs, tags }) => bounded(set(key, entry, Math.max(1, Math.round(ttlMs)), tags), opTimeoutMs, 'Redis set'),
    delete: (key) => bounded(redis.unlink(entryKey(key)).then(() => undefined), opTimeoutMs, 'Redis delete'),
    deleteByTag: (tag) => bounded(redis.eval(deleteByTagScript, 1, tagKey(tag)).then(Number), opTimeoutMs * 4, 'Redis deleteByTag'),
    close: async () => undefined,
  };
}
