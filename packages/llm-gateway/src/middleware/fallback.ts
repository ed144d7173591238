import { isGatewayError } from '../spec';
import type { CallOptions, GenerateResult, LanguageModel, StreamPart } from '../spec';
import { answeredBy, markAnsweredBy } from './answered-by';
import type { AnsweringModel } from './answered-by';
import type { LanguageModelMiddleware } from './wrap-language-model';

export interface FallbackOptions {
  /** Whether a failure moves on to the next model (default: retryable GatewayErrors only). */
  shouldFallback?: (error: unknown) => boolean;
  onFallback?: (event: { from: AnsweringModel; to: AnsweringModel; error: unknown }) => void;
}

const retryableOnly = (error: unknown): boolean => isGatewayError(error) && error.isRetryable;

/**
 * Tries the wrapped model, then each of `alternates` in order, moving on after a failure that
 * `shouldFallback` accepts and that happened before any streamed part. The last failure propagates.
 * `answeredBy(result)` / `answeredBy(finishPart)` tells which model answered.
 */
export function fallback(alternates: readonly LanguageModel[], options: FallbackOptions = {}): LanguageModelMiddleware {
  const shouldFallback = options.shouldFallback ?? retryableOnly;
  return (model) => {
    const candidates = [model, ...alternates];
    const moveOn = (index: number, error: unknown): boolean => {
      const next = candidates[index + 1];
      const current = candidates[index];
      if (!next || !current || !shouldFallback(error)) return false;
      options.onFallback?.({ from: identify(current), to: identify(next), error });
      return true;
    };
    return {
      provider: model.provider,
      modelId: model.modelId,
      doGenerate: (call) => generateWithFallback(candidates, call, moveOn),
      doStream: (call) => streamWithFallback(candidates, call, moveOn),
    };
  };
}

function identify(model: LanguageModel): AnsweringModel {
  return { provider: model.provider, modelId: model.modelId };
}

type MoveOn = (index: number, error: unknown) => boolean;

async function generateWithFallback(candidates: LanguageModel[], call: CallOptions, moveOn: MoveOn): Promise<GenerateResult> {
  for (const [index, candidate] of candidates.entries()) {
    try {
      const result = await candidate.doGenerate(call);
      // A nested fallback already recorded the innermost answering model; keep it.
      return answeredBy(result) ? result : markAnsweredBy(result, candidate);
    } catch (error) {
      if (!moveOn(index, error)) throw error;
    }
  }
  throw new Error('unreachable: fallback has at least one model');
}

async function* streamWithFallback(candidates: LanguageModel[], call: CallOptions, moveOn: MoveOn): AsyncGenerator<StreamPart> {
  for (const [index, candidate] of candidates.entries()) {
    let started = false;
    let failed = false;
    try {
      for await (const part of candidate.doStream(call)) {
        if (!started && part.type === 'error' && moveOn(index, part.error)) {
          failed = true;
          break;
        }
        started = true;
        yield part.type === 'finish' && !answeredBy(part) ? markAnsweredBy(part, candidate) : part;
      }
    } catch (error) {
      if (started || !moveOn(index, error)) throw error;
      failed = true;
    }
    if (!failed) return;
  }
}
