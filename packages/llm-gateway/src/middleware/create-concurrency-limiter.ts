import { GatewayError } from '../spec';

/** Lets at most `max` holders run at once; the rest wait in FIFO order. */
export interface ConcurrencyLimiter {
  readonly max: number;
  readonly inFlight: number;
  readonly queued: number;
  /**
   * Resolves with a release function once a slot is free. Aborting `signal` while queued removes the
   * waiter and rejects with the signal's reason. Calling release more than once is harmless.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

interface Waiter {
  grant: () => void;
}

export function createConcurrencyLimiter(max: number): ConcurrencyLimiter {
  if (!Number.isInteger(max) || max < 1) {
    throw new GatewayError({
      code: 'invalid_config',
      message: `Concurrency limit must be a positive integer, got ${max}: set limits.maxConcurrency to 1 or more, or leave it out for no limit.`,
    });
  }
  let inFlight = 0;
  const queue: Waiter[] = [];

  function releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      // Hand the slot straight to the next waiter so a newcomer cannot overtake the queue.
      if (next) next.grant();
      else inFlight -= 1;
    };
  }

  return {
    max,
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (inFlight < max && queue.length === 0) {
        inFlight += 1;
        return Promise.resolve(releaser());
      }
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(releaser());
          },
        };
        queue.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
