import type { Logger } from '../spec';

/** Counters a caller can read (and export as metrics). Plain numbers, mutated in place by `withCache`. */
export interface CacheStats {
  hits: { l1: number; l2: number };
  misses: number;
  /** Cache operations that failed or timed out; each time the node simply ran. */
  errors: number;
  /** Calls that shared another in-process call's execution or lookup for the same key. */
  stampedeJoins: number;
  /** Times a process waited for another process holding the key's lock … */
  lockWaits: number;
  /** … and of those, how many then found the other process's result. */
  lockWaitHits: number;
  /** Runs with `settings.cache.enabled === false`. */
  bypasses: number;
  stores: number;
  negativeStores: number;
}

export function createCacheStats(): CacheStats {
  return { hits: { l1: 0, l2: 0 }, misses: 0, errors: 0, stampedeJoins: 0, lockWaits: 0, lockWaitHits: 0, bypasses: 0, stores: 0, negativeStores: 0 };
}

/** Logs cache errors at most once per interval, with a count of the ones held back, so a dead Redis can't flood. */
export type CacheErrorReporter = (logger: Logger, what: string, error: unknown) => void;

export function createCacheErrorReporter(options: { intervalMs?: number; now?: () => number } = {}): CacheErrorReporter {
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? Date.now;
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (logger, what, error) => {
    const at = now();
    if (at - lastLoggedAt < intervalMs) {
      suppressed++;
      return;
    }
    lastLoggedAt = at;
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    logger.warn(`cache ${what} failed; the node ran without the cache: ${message}`, {
      code: typeof code === 'string' ? code : undefined,
      suppressedSinceLastLog: suppressed,
    });
    suppressed = 0;
  };
}
