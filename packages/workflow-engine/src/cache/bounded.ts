import { CacheError } from './cache-error';

/**
 * Settles like `operation`, or rejects with a `cache_timeout` CacheError after `timeoutMs`. The operation
 * keeps running in the background; its late failure is swallowed (it has already been reported as a timeout).
 */
export function bounded<T>(operation: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  operation.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new CacheError({
          code: 'cache_timeout',
          message: `Cache ${what} took longer than ${timeoutMs} ms, so the node ran without the cache. Check the cache store's latency (is Redis reachable?) or raise policy.opTimeoutMs.`,
        }),
      );
    }, timeoutMs);
    operation.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
