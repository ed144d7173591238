export const cacheErrorCodes = ['cache_timeout', 'cache_unavailable', 'cache_corrupt_entry', 'cache_key_failed'] as const;
export type CacheErrorCode = (typeof cacheErrorCodes)[number];

/**
 * A cache failure. `withCache` never lets one fail a run: it counts it, logs it (rate-limited) and runs the
 * node as if the cache were absent. Stores and coordinators throw these so logs say what to fix.
 */
export class CacheError extends Error {
  readonly code: CacheErrorCode;
  readonly isRetryable: boolean;

  constructor(init: { code: CacheErrorCode; message: string; isRetryable?: boolean; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'CacheError';
    this.code = init.code;
    this.isRetryable = init.isRetryable ?? init.code !== 'cache_key_failed';
  }
}
