import { GatewayError } from '../spec';
import type { CallOptions, LanguageModel, StreamPart } from '../spec';
import { defineModelMiddleware, withDoEmbed } from './wrap-language-model';
import type { ModelMiddleware } from './wrap-language-model';

export interface TimeoutOptions {
  /** Streams only: longest wait for the first part. */
  firstTokenMs?: number;
  /** Longest whole call (blocking, streamed or embedding). */
  totalMs?: number;
}

interface ModelIdentity {
  provider: string;
  modelId: string;
}

/**
 * Aborts the upstream call through a signal linked to the caller's and raises a retryable `timeout`
 * GatewayError when the first streamed part or the whole call takes too long. A stream that already
 * yielded parts ends with an `error` part instead of throwing.
 */
export function timeouts(options: TimeoutOptions): ModelMiddleware {
  return defineModelMiddleware({
    language: (model) => ({
      provider: model.provider,
      modelId: model.modelId,
      doGenerate: (call) => withDeadline(model, call.signal, options.totalMs, (signal) => model.doGenerate({ ...call, signal })),
      doStream: (call) => streamWithDeadline(model, call, options),
    }),
    embedding: (model) =>
      withDoEmbed(model, (texts, call) =>
        withDeadline(model, call?.signal, options.totalMs, (signal) => model.doEmbed(texts, { ...call, signal })),
      ),
  });
}

async function withDeadline<T>(
  model: ModelIdentity,
  parent: AbortSignal | undefined,
  totalMs: number | undefined,
  run: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (totalMs === undefined) return run(parent);
  const deadline = startDeadline(model, parent);
  deadline.arm('total', totalMs);
  try {
    return await Promise.race([run(deadline.signal), deadline.expired]);
  } catch (error) {
    throw deadline.timeout() ?? error;
  } finally {
    deadline.dispose();
  }
}

async function* streamWithDeadline(model: LanguageModel, call: CallOptions, options: TimeoutOptions): AsyncGenerator<StreamPart> {
  const deadline = startDeadline(model, call.signal);
  if (options.firstTokenMs !== undefined) deadline.arm('first-token', options.firstTokenMs);
  if (options.totalMs !== undefined) deadline.arm('total', options.totalMs);
  const iterator = model.doStream({ ...call, signal: deadline.signal })[Symbol.asyncIterator]();
  let started = false;
  let upstreamDone = false;
  try {
    while (true) {
      let step: IteratorResult<StreamPart>;
      try {
        step = await Promise.race([iterator.next(), deadline.expired]);
      } catch (error) {
        upstreamDone = deadline.timeout() === undefined;
        throw deadline.timeout() ?? error;
      }
      // The provider may report our own abort as a `cancelled` part before the race notices the timer.
      const timeout = deadline.timeout();
      if (timeout) throw timeout;
      if (step.done) {
        upstreamDone = true;
        return;
      }
      if (!started) deadline.clear('first-token');
      started = true;
      yield step.value;
    }
  } catch (error) {
    if (!started || !(error instanceof GatewayError) || error.code !== 'timeout') throw error;
    yield { type: 'error', error };
  } finally {
    deadline.dispose();
    // Closes the upstream when the consumer stopped early; after a timeout the abort already did, so don't wait.
    if (!upstreamDone) {
      const closing = iterator.return?.();
      if (deadline.timeout()) void closing?.catch(() => undefined);
      else await closing;
    }
  }
}

type TimerKind = 'first-token' | 'total';

function startDeadline(model: ModelIdentity, parent: AbortSignal | undefined) {
  const controller = new AbortController();
  const timers = new Map<TimerKind, ReturnType<typeof setTimeout>>();
  let timeoutError: GatewayError | undefined;
  let rejectExpired: (error: GatewayError) => void = () => undefined;
  const expired = new Promise<never>((_, reject) => {
    rejectExpired = reject;
  });
  expired.catch(() => undefined);
  const onParentAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });

  return {
    signal: controller.signal,
    expired,
    timeout: () => timeoutError,
    arm(kind: TimerKind, ms: number): void {
      const timer = setTimeout(() => {
        timeoutError = createTimeoutError(model, kind, ms);
        // Reject before aborting so the race sees the timeout, not the provider's reaction to the abort.
        rejectExpired(timeoutError);
        controller.abort(timeoutError);
      }, ms);
      timers.set(kind, timer);
    },
    clear(kind: TimerKind): void {
      clearTimeout(timers.get(kind));
      timers.delete(kind);
    },
    dispose(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

function createTimeoutError(model: ModelIdentity, kind: TimerKind, ms: number): GatewayError {
  const name = `${model.provider}:${model.modelId}`;
  const message =
    kind === 'first-token'
      ? `${name} sent no first token within ${ms} ms (limits.firstTokenTimeoutMs): the provider may be overloaded; raise the limit or add a fallback model.`
      : `The call to ${name} took longer than ${ms} ms (limits.totalTimeoutMs): raise the limit, lower maxTokens, or stream the answer.`;
  return new GatewayError({ code: 'timeout', message, provider: model.provider, modelId: model.modelId, isRetryable: true });
}
