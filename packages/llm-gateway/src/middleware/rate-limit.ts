import { GatewayError } from '../spec';
import type { CallOptions, LanguageModel, StreamPart, Usage } from '../spec';
import { abortableWait, realSleep } from './abortable-wait';
import type { Sleep } from './abortable-wait';
import { countEmbeddingTokens, countPromptTokens, countTextTokens, countToolCallTokens } from './count-tokens';
import type { CountTokens } from './count-tokens';
import type { RateLimitStore } from './rate-limit-store';
import { defineModelMiddleware, withDoEmbed } from './wrap-language-model';
import type { ModelMiddleware } from './wrap-language-model';

export interface RateLimitOptions {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens (input + output) per minute; input is estimated up front, then reconciled with actual usage. */
  tpm?: number;
  /** Whose budget this is, e.g. the provider name. */
  key: string;
  store: RateLimitStore;
  /** Longest total wait for a window to free before failing with `rate_limited` (default 5000). */
  maxWaitMs?: number;
  countTokens?: CountTokens;
  sleep?: Sleep;
}

interface Admission {
  /** Reports the tokens actually used (or undefined when unknown) so the window is corrected. */
  settle(actualTokens: number | undefined): Promise<void>;
}

/**
 * Keeps calls under `rpm` / `tpm` for `key`. A call over budget waits for the next window when that is
 * within `maxWaitMs`, else fails with a retryable `rate_limited` GatewayError carrying `retryAfterMs`.
 */
export function rateLimit(options: RateLimitOptions): ModelMiddleware {
  const count = options.countTokens ?? countTextTokens;

  async function admit(model: { provider: string; modelId: string }, estimate: number, signal: AbortSignal | undefined): Promise<Admission> {
    const { key, rpm, tpm, store } = options;
    const maxWaitMs = options.maxWaitMs ?? 5000;
    const tokens = tpm === undefined ? 0 : estimate;
    let waitedMs = 0;
    for (;;) {
      const decision = await store.take({ key, rpm, tpm, tokens });
      if (decision.allowed) break;
      if (waitedMs + decision.retryAfterMs > maxWaitMs) throw rateLimitedError(model, options, decision.retryAfterMs);
      await abortableWait(decision.retryAfterMs, { signal, sleep: options.sleep ?? realSleep, model });
      waitedMs += decision.retryAfterMs;
    }
    return {
      settle: async (actualTokens) => {
        if (tpm !== undefined && actualTokens !== undefined) await store.adjustTokens(key, actualTokens - tokens);
      },
    };
  }

  if (options.rpm === undefined && options.tpm === undefined) return defineModelMiddleware({ language: (m) => m, embedding: (m) => m });

  return defineModelMiddleware({
    language: (model) => ({
      provider: model.provider,
      modelId: model.modelId,
      async doGenerate(call) {
        const estimate = countPromptTokens(call, count);
        const admission = await admit(model, estimate, call.signal);
        try {
          const result = await model.doGenerate(call);
          const output = result.usage.outputTokens || count(result.text) + countToolCallTokens(result.toolCalls, count);
          await admission.settle((result.usage.inputTokens || estimate) + output);
          return result;
        } catch (error) {
          // A failed call consumed its request but (almost always) no tokens.
          await admission.settle(0);
          throw error;
        }
      },
      doStream: (call) => limitedStream(model, call, count, admit),
    }),
    embedding: (model) =>
      withDoEmbed(model, async (texts, call) => {
        const estimate = countEmbeddingTokens(texts, count);
        const admission = await admit(model, estimate, call?.signal);
        const result = await model.doEmbed(texts, call).catch(async (error: unknown) => {
          await admission.settle(0);
          throw error;
        });
        await admission.settle(result.usage?.inputTokens || estimate);
        return result;
      }),
  });
}

async function* limitedStream(
  model: LanguageModel,
  call: CallOptions,
  count: CountTokens,
  admit: (model: LanguageModel, estimate: number, signal: AbortSignal | undefined) => Promise<Admission>,
): AsyncGenerator<StreamPart> {
  const estimate = countPromptTokens(call, count);
  const admission = await admit(model, estimate, call.signal);
  let reported: Usage | undefined;
  let producedTokens = 0;
  try {
    for await (const part of model.doStream(call)) {
      if (part.type === 'text-delta') producedTokens += count(part.text);
      else if (part.type === 'tool-call') producedTokens += countToolCallTokens([part.toolCall], count);
      else if (part.type === 'finish') reported = part.usage;
      yield part;
    }
  } finally {
    const input = reported?.inputTokens || estimate;
    const output = reported?.outputTokens || producedTokens;
    // A stream that failed before producing anything consumed no tokens, like a failed blocking call.
    await admission.settle(reported || producedTokens > 0 ? input + output : 0);
  }
}

function rateLimitedError(model: { provider: string; modelId: string }, options: RateLimitOptions, retryAfterMs: number): GatewayError {
  const budget = [options.rpm === undefined ? '' : `rpm ${options.rpm}`, options.tpm === undefined ? '' : `tpm ${options.tpm}`]
    .filter(Boolean)
    .join(', ');
  return new GatewayError({
    code: 'rate_limited',
    message:
      `The gateway's rate limit for "${options.key}" (${budget}) is used up for the next ${Math.ceil(retryAfterMs / 1000)} s: ` +
      `retry later, or raise limits.rpm / limits.tpm of provider "${model.provider}" if your provider plan allows more.`,
    provider: model.provider,
    modelId: model.modelId,
    retryAfterMs,
  });
}
