import { z } from 'zod';

/** Which tier served a hit: the in-process store (`l1`) or the shared one (`l2`). */
export type CacheLevel = 'l1' | 'l2';

export const cacheEntrySchema = z.object({
  outputs: z.record(z.string(), z.unknown()),
  handle: z.string().optional(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** Text the node streamed through `ctx.emitText`, replayed on a hit so clients see the same stream. */
  chunks: z.array(z.string()),
  /** True for a negative entry (the definition's `isEmptyResult` said so). */
  empty: z.boolean(),
  /** Epoch ms when the result was produced. */
  storedAt: z.number(),
});

/** One cached node result. */
export type CacheEntry = z.infer<typeof cacheEntrySchema>;

export interface CacheHit {
  entry: CacheEntry;
  /** Time left before the entry expires (used to promote L2 hits into L1 without extending them). */
  ttlMs: number;
  /** Invalidation tags the entry was stored with, e.g. `kb:<id>`. */
  tags: string[];
  level: CacheLevel;
}

export interface CacheSetOptions {
  ttlMs: number;
  tags: readonly string[];
}

/**
 * Where cached node results live. Implementations: `createMemoryStore`, `createRedisStore`,
 * `createTwoLevelStore`. Any method may reject; `withCache` bounds and absorbs every failure.
 */
export interface CacheStore {
  get(key: string): Promise<CacheHit | undefined>;
  /**
   * Optional synchronous lookup of the in-process tier only (memory stores, and two-level stores through their
   * L1). It lets a hit skip timers and promises; a miss here still goes through `get`.
   */
  peek?(key: string): CacheHit | undefined;
  set(key: string, entry: CacheEntry, options: CacheSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Deletes every entry stored with `tag`; resolves to how many were deleted. */
  deleteByTag(tag: string): Promise<number>;
  close(): Promise<void>;
}
