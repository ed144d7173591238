import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { consoleLogger } from './gateway-logger';
import type { GatewayLogger } from './gateway-logger';
import { createMemoryRateLimitStore } from './create-memory-rate-limit-store';
import { msUntilNextWindow, rateLimitWindowMs, windowStartOf } from './rate-limit-store';
import type { RateLimitStore } from './rate-limit-store';

// KEYS[1] window hash; ARGV: rpm (0 = none), tpm (0 = none), tokens, ttl ms. Returns 1 when taken.
const takeScript = `
local requests = tonumber(redis.call('HGET', KEYS[1], 'r') or '0')
local tokens = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
local rpm = tonumber(ARGV[1])
local tpm = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
if rpm > 0 and requests + 1 > rpm then return 0 end
if tpm > 0 and tokens > 0 and tokens + want > tpm then return 0 end
redis.call('HINCRBY', KEYS[1], 'r', 1)
redis.call('HINCRBY', KEYS[1], 't', want)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

// KEYS[1] window hash; ARGV: token delta, ttl ms. Never lets the count go below zero.
const adjustScript = `
local tokens = redis.call('HINCRBY', KEYS[1], 't', ARGV[1])
if tokens < 0 then redis.call('HSET', KEYS[1], 't', 0) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

export interface RedisRateLimitStoreOptions {
  now?: () => number;
  /** A Redis call slower than this counts as a failure (default 250). */
  commandTimeoutMs?: number;
  logger?: GatewayLogger;
}

/**
 * Keeps rpm / tpm counters in Redis, one hash per key and minute window, updated by Lua scripts so every
 * process sharing `redis` and `prefix` sees one budget. Windows follow the callers' clocks. When Redis
 * fails or is slow, the store answers from an in-process store instead (logged once per outage): a call
 * never fails because Redis is down, but limits are then per process.
 */
export function createRedisRateLimitStore(redis: Redis, prefix: string, options: RedisRateLimitStoreOptions = {}): RateLimitStore {
  const now = options.now ?? Date.now;
  const commandTimeoutMs = options.commandTimeoutMs ?? 250;
  const logger = options.logger ?? consoleLogger;
  const local = createMemoryRateLimitStore({ now });
  // Windows outlive their minute a little, so callers with slightly skewed clocks share them.
  const ttlMs = 2 * rateLimitWindowMs;
  let outage = false;

  const windowKey = (key: string, at: number): string => `${prefix}${key}:${windowStartOf(at)}`;

  async function run(script: string, key: string, args: (string | number)[]): Promise<unknown> {
    const call = evalScript(redis, script, key, args);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${commandTimeoutMs} ms`)), commandTimeoutMs);
    });
    try {
      const result = await Promise.race([call, timeout]);
      outage = false;
      return result;
    } finally {
      clearTimeout(timer);
      call.catch(() => undefined);
    }
  }

  function reportOutage(error: unknown): void {
    if (outage) return;
    outage = true;
    logger.warn('Redis rate limit store failed; limiting in this process only until Redis answers again. Check that Redis is reachable.', {
      prefix,
      error: error instanceof Error ? error.message : String(error),
    });
  }

  return {
    async take(request) {
      const at = now();
      try {
        const taken = await run(takeScript, windowKey(request.key, at), [request.rpm ?? 0, request.tpm ?? 0, Math.round(request.tokens), ttlMs]);
        return taken === 1 ? { allowed: true } : { allowed: false, retryAfterMs: msUntilNextWindow(at) };
      } catch (error) {
        reportOutage(error);
        return local.take(request);
      }
    },
    async adjustTokens(key, tokens) {
      const delta = Math.round(tokens);
      if (delta === 0) return;
      try {
        await run(adjustScript, windowKey(key, now()), [delta, ttlMs]);
      } catch (error) {
        reportOutage(error);
        await local.adjustTokens(key, delta);
      }
    },
  };
}

const scriptHashes = new Map<string, string>();

// EVALSHA saves resending the script; the first call on a fresh Redis (NOSCRIPT) falls back to EVAL.
async function evalScript(redis: Redis, script: string, key: string, args: (string | number)[]): Promise<unknown> {
  let sha = scriptHashes.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    scriptHashes.set(script, sha);
  }
  try {
    return await redis.evalsha(sha, 1, key, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script, 1, key, ...args);
  }
}
