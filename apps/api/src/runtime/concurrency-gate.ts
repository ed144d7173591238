import { AppError } from '../errors';

export interface ConcurrencyGate {
  /** Takes a slot of the app or throws AppError `too_many_requests`; call the returned function exactly once. */
  acquire(appId: string): () => void;
  running(appId: string): number;
}

/** At most `maxPerApp` runs of one app at a time in this process. */
export function createConcurrencyGate(maxPerApp: number, retryAfterSeconds = 1): ConcurrencyGate {
  const counts = new Map<string, number>();
  return {
    acquire(appId) {
      const count = counts.get(appId) ?? 0;
      if (count >= maxPerApp) {
        throw new AppError(
          'too_many_requests',
          `This app already has ${count} runs in progress, its limit (WEFT_MAX_CONCURRENT_RUNS_PER_APP=${maxPerApp}). Retry after ${retryAfterSeconds} s, or raise the limit.`,
          { retryAfterSeconds },
        );
      }
      counts.set(appId, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(appId) ?? 1) - 1;
        if (left <= 0) counts.delete(appId);
        else counts.set(appId, left);
      };
    },
    running: (appId) => counts.get(appId) ?? 0,
  };
}
