import type { CallOptions, GenerateResult, LanguageModel, StreamPart, ToolCall, Usage } from '../spec';
import { answeredBy, copyAnsweredBy } from './answered-by';
import { countEmbeddingTokens, countPromptTokens, countTextTokens, countToolCallTokens } from './count-tokens';
import type { CountTokens } from './count-tokens';
import { consoleLogger } from './gateway-logger';
import type { GatewayLogger } from './gateway-logger';
import { defineModelMiddleware, withDoEmbed } from './wrap-language-model';
import type { ModelMiddleware } from './wrap-language-model';

/** What one call used, reported after it settles (for a stream: when it ends, fails or is abandoned). */
export interface UsageReport {
  /** The model that answered (after a fallback, not necessarily the one called). */
  provider: string;
  modelId: string;
  operation: 'generate' | 'stream' | 'embed';
  inputTokens: number;
  outputTokens: number;
  /** Present when `pricing` has the model. */
  costUsd?: number;
  /** True when the provider reported no usage and the gateway counted tokens itself. */
  counted: boolean;
}

export interface ModelPricing {
  inputPerMTok: number;
  outputPerMTok: number;
}

export interface UsageAccountingOptions {
  /** Called once per call; a throwing or rejecting callback is logged and never fails the call. */
  onUsage: (report: UsageReport) => void | Promise<void>;
  /** Prices by model id, as in `ProviderConfig.pricing`. */
  pricing?: Record<string, ModelPricing>;
  countTokens?: CountTokens;
  logger?: GatewayLogger;
}

type Identity = { provider: string; modelId: string };

/**
 * Reports each call's token usage and cost. When the provider reported none (missing or all zero),
 * tokens are counted locally, the report says `counted: true`, and the counted usage is also put into
 * the returned result / `finish` part.
 */
export function usageAccounting(options: UsageAccountingOptions): ModelMiddleware {
  const count = options.countTokens ?? countTextTokens;
  const logger = options.logger ?? consoleLogger;

  function report(base: Identity, operation: UsageReport['operation'], usage: Usage, counted: boolean): void {
    const price = options.pricing?.[base.modelId];
    const costUsd = price && (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
    const entry: UsageReport = { provider: base.provider, modelId: base.modelId, operation, ...usage, counted };
    if (costUsd !== undefined) entry.costUsd = costUsd;
    const fail = (error: unknown): void =>
      logger.warn('onUsage failed; this usage report is lost. Fix the usage callback.', {
        provider: base.provider,
        modelId: base.modelId,
        error: error instanceof Error ? error.message : String(error),
      });
    try {
      const pending = options.onUsage(entry);
      if (pending) pending.catch(fail);
    } catch (error) {
      fail(error);
    }
  }

  const countOutput = (text: string, toolCalls: readonly ToolCall[]): number => count(text) + countToolCallTokens(toolCalls, count);

  return defineModelMiddleware({
    language: (model) => ({
      provider: model.provider,
      modelId: model.modelId,
      async doGenerate(call) {
        const result = await model.doGenerate(call);
        const answering = answeredBy(result) ?? model;
        if (hasUsage(result.usage)) {
          report(answering, 'generate', result.usage, false);
          return result;
        }
        const usage = { inputTokens: countPromptTokens(call, count), outputTokens: countOutput(result.text, result.toolCalls) };
        report(answering, 'generate', usage, true);
        return copyAnsweredBy<GenerateResult>(result, { ...result, usage });
      },
      doStream: (call) => accountedStream(model, call, count, countOutput, report),
    }),
    embedding: (model) =>
      withDoEmbed(model, async (texts, call) => {
        const result = await model.doEmbed(texts, call);
        const answering = answeredBy(result) ?? model;
        const reported = result.usage?.inputTokens ?? 0;
        if (reported > 0) {
          report(answering, 'embed', { inputTokens: reported, outputTokens: 0 }, false);
          return result;
        }
        const inputTokens = countEmbeddingTokens(texts, count);
        report(answering, 'embed', { inputTokens, outputTokens: 0 }, true);
        return copyAnsweredBy(result, { ...result, usage: { inputTokens } });
      }),
  });
}

function hasUsage(usage: Usage | undefined): usage is Usage {
  return usage !== undefined && (usage.inputTokens > 0 || usage.outputTokens > 0);
}

async function* accountedStream(
  model: LanguageModel,
  call: CallOptions,
  count: CountTokens,
  countOutput: (text: string, toolCalls: readonly ToolCall[]) => number,
  report: (base: Identity, operation: UsageReport['operation'], usage: Usage, counted: boolean) => void,
): AsyncGenerator<StreamPart> {
  let text = '';
  const toolCalls: ToolCall[] = [];
  let answering: Identity = model;
  let produced = false;
  let reported = false;
  const countedUsage = (): Usage => ({ inputTokens: countPromptTokens(call, count), outputTokens: countOutput(text, toolCalls) });
  try {
    for await (const part of model.doStream(call)) {
      if (part.type === 'error') {
        yield part;
        continue;
      }
      produced = true;
      if (part.type === 'text-delta') text += part.text;
      if (part.type === 'tool-call') toolCalls.push(part.toolCall);
      if (part.type !== 'finish') {
        yield part;
        continue;
      }
      answering = answeredBy(part) ?? model;
      // Report before yielding: a consumer may stop pulling as soon as it has the finish part.
      reported = true;
      if (hasUsage(part.usage)) {
        report(answering, 'stream', part.usage, false);
        yield part;
      } else {
        const usage = countedUsage();
        report(answering, 'stream', usage, true);
        yield copyAnsweredBy(part, { ...part, usage });
      }
    }
  } finally {
    // A stream that failed or was abandoned still used what it produced; one that produced nothing is not reported.
    if (!reported && produced) report(answering, 'stream', countedUsage(), true);
  }
}
