import type { CallOptions, LanguageModel, StreamPart } from '../spec';
import { cancelledError } from './abortable-wait';
import type { ConcurrencyLimiter } from './create-concurrency-limiter';
import { defineModelMiddleware, withDoEmbed } from './wrap-language-model';
import type { ModelMiddleware } from './wrap-language-model';

/**
 * Runs each call inside a slot of `limiter` (share one limiter per provider). A blocking call holds its
 * slot until it settles, a stream until it ends, fails or its consumer stops; aborting while queued
 * rejects with `cancelled`.
 */
export function concurrencyLimit(limiter: ConcurrencyLimiter): ModelMiddleware {
  return defineModelMiddleware({
    language: (model) => ({
      provider: model.provider,
      modelId: model.modelId,
      doGenerate: (call) => withSlot(limiter, model, call.signal, () => model.doGenerate(call)),
      doStream: (call) => streamInSlot(limiter, model, call),
    }),
    embedding: (model) => withDoEmbed(model, (texts, call) => withSlot(limiter, model, call?.signal, () => model.doEmbed(texts, call))),
  });
}

async function acquireSlot(
  limiter: ConcurrencyLimiter,
  model: { provider: string; modelId: string },
  signal: AbortSignal | undefined,
): Promise<() => void> {
  try {
    return await limiter.acquire(signal);
  } catch {
    throw cancelledError(model, signal);
  }
}

async function withSlot<T>(
  limiter: ConcurrencyLimiter,
  model: { provider: string; modelId: string },
  signal: AbortSignal | undefined,
  run: () => Promise<T>,
): Promise<T> {
  const release = await acquireSlot(limiter, model, signal);
  try {
    return await run();
  } finally {
    release();
  }
}

async function* streamInSlot(limiter: ConcurrencyLimiter, model: LanguageModel, call: CallOptions): AsyncGenerator<StreamPart> {
  const release = await acquireSlot(limiter, model, call.signal);
  try {
    yield* model.doStream(call);
  } finally {
    release();
  }
}
