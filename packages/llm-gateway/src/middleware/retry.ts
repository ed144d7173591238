import { isGatewayError } from '../spec';
import type { CallOptions, GatewayError, LanguageModel, StreamPart } from '../spec';
import { abortableWait, realSleep } from './abortable-wait';
import type { Sleep } from './abortable-wait';
import { defineModelMiddleware, withDoEmbed } from './wrap-language-model';
import type { ModelMiddleware } from './wrap-language-model';

export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Backoff cap of the first retry; doubles each retry (default 250). */
  baseDelayMs?: number;
  /** Largest backoff cap (default 8000). */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error propagates with its `retryAfterMs` (default 30000). */
  maxRetryAfterMs?: number;
  /** Uniform in [0, 1); injected for deterministic tests. */
  random?: () => number;
  sleep?: Sleep;
  onRetry?: (event: { attempt: number; delayMs: number; error: GatewayError }) => void;
}

interface RetryPolicy {
  /** Milliseconds to wait before retrying after `error` on `attempt` (0-based), or undefined to give up. */
  delayBeforeRetry(error: unknown, attempt: number): number | undefined;
  sleep: Sleep;
}

function createRetryPolicy(options: RetryOptions): RetryPolicy {
  const maxRetries = options.maxRetries ?? 2;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const random = options.random ?? Math.random;
  return {
    sleep: options.sleep ?? realSleep,
    delayBeforeRetry(error, attempt) {
      if (!isGatewayError(error) || !error.isRetryable || attempt >= maxRetries) return undefined;
      const retryAfterMs = error.retryAfterMs ?? 0;
      if (retryAfterMs > maxRetryAfterMs) return undefined;
      // Full jitter: a random wait below an exponentially growing cap spreads retrying clients apart.
      const backoffMs = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      const delayMs = Math.max(backoffMs, retryAfterMs);
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      return delayMs;
    },
  };
}

/**
 * Retries retryable GatewayErrors with exponential backoff and full jitter, waiting at least the provider's
 * Retry-After. A stream is retried only while it has yielded nothing; once a part went out, failures pass
 * through. Aborting the call's signal during a backoff wait rejects at once with `cancelled`.
 */
export function retry(options: RetryOptions = {}): ModelMiddleware {
  const policy = createRetryPolicy(options);
  return defineModelMiddleware({
    language: (model) => ({
      provider: model.provider,
      modelId: model.modelId,
      doGenerate: (call) => withRetries(() => model.doGenerate(call), call.signal, model, policy),
      doStream: (call) => streamWithRetries(model, call, policy),
    }),
    embedding: (model) => withDoEmbed(model, (texts, call) => withRetries(() => model.doEmbed(texts, call), call?.signal, model, policy)),
  });
}

async function withRetries<T>(
  run: () => Promise<T>,
  signal: AbortSignal | undefined,
  model: { provider: string; modelId: string },
  policy: RetryPolicy,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const delayMs = policy.delayBeforeRetry(error, attempt);
      if (delayMs === undefined) throw error;
      await abortableWait(delayMs, { signal, sleep: policy.sleep, model });
    }
  }
}

async function* streamWithRetries(model: LanguageModel, call: CallOptions, policy: RetryPolicy): AsyncGenerator<StreamPart> {
  for (let attempt = 0; ; attempt++) {
    let started = false;
    let delayMs: number | undefined;
    try {
      for await (const part of model.doStream(call)) {
        if (!started && part.type === 'error') {
          delayMs = policy.delayBeforeRetry(part.error, attempt);
          if (delayMs !== undefined) break;
        }
        started = true;
        yield part;
      }
    } catch (error) {
      if (started) throw error;
      delayMs = policy.delayBeforeRetry(error, attempt);
      if (delayMs === undefined) throw error;
    }
    if (delayMs === undefined) return;
    await abortableWait(delayMs, { signal: call.signal, sleep: policy.sleep, model });
  }
}
