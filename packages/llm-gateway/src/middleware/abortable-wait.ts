import { GatewayError } from '../spec';

/** Waits `ms` milliseconds. Injected in tests; the signal lets a real sleep clear its timer early. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

interface ModelIdentity {
  provider: string;
  modelId: string;
}

export function cancelledError(model: ModelIdentity, signal?: AbortSignal): GatewayError {
  return new GatewayError({
    code: 'cancelled',
    message: `The call to ${model.provider}:${model.modelId} was cancelled: its caller aborted the AbortSignal.`,
    provider: model.provider,
    modelId: model.modelId,
    cause: signal?.reason,
  });
}

export function throwIfAborted(signal: AbortSignal | undefined, model: ModelIdentity): void {
  if (signal?.aborted) throw cancelledError(model, signal);
}

/**
 * Waits `ms` with `sleep`, rejecting with a `cancelled` GatewayError as soon as `signal` aborts,
 * even when the injected sleep ignores the signal.
 */
export async function abortableWait(
  ms: number,
  options: { signal: AbortSignal | undefined; sleep: Sleep; model: ModelIdentity },
): Promise<void> {
  const { signal, sleep, model } = options;
  throwIfAborted(signal, model);
  if (!signal) return sleep(ms);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelledError(model, signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms, signal), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
  throwIfAborted(signal, model);
}
