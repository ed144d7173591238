import type { EmbedResult, GenerateResult, LanguageModel, StreamPart } from '../spec';

/** Which model produced a result, when a middleware (fallback) may have switched models. */
export interface AnsweringModel {
  provider: string;
  modelId: string;
}

type Answer = GenerateResult | EmbedResult | StreamPart;

// A side channel keyed by the result object itself, so GenerateResult and StreamPart keep their shape.
const answers = new WeakMap<Answer, AnsweringModel>();

/** The model that produced this result or `finish` part, if a fallback recorded it. */
export function answeredBy(result: Answer): AnsweringModel | undefined {
  return answers.get(result);
}

export function markAnsweredBy<T extends Answer>(result: T, model: Pick<LanguageModel, 'provider' | 'modelId'>): T {
  answers.set(result, { provider: model.provider, modelId: model.modelId });
  return result;
}

/** Carries the record over when a middleware replaces a result with a modified copy. */
export function copyAnsweredBy<T extends Answer>(from: Answer, to: T): T {
  const answering = answers.get(from);
  if (answering) answers.set(to, answering);
  return to;
}
