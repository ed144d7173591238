import type { EmbeddingModel, LanguageModel } from '../spec';

/** Wraps a language model and returns one with the same interface. */
export type LanguageModelMiddleware = (model: LanguageModel) => LanguageModel;

/** Wraps an embedding model and returns one with the same interface. */
export type EmbeddingModelMiddleware = (model: EmbeddingModel) => EmbeddingModel;

/** A middleware that applies to both model kinds (concurrency, rate limit, usage accounting). */
export interface ModelMiddleware {
  (model: LanguageModel): LanguageModel;
  (model: EmbeddingModel): EmbeddingModel;
}

/**
 * Applies `middlewares` to `model`. The FIRST middleware in the list is the OUTERMOST: it sees the call
 * first and the result last, e.g. `[usageAccounting(...), retry(), timeouts(...)]` reports usage once per
 * call while every retry attempt gets its own timeout.
 */
export function wrapLanguageModel(model: LanguageModel, middlewares: readonly LanguageModelMiddleware[]): LanguageModel {
  return middlewares.reduceRight<LanguageModel>((wrapped, middleware) => middleware(wrapped), model);
}

/** Same as `wrapLanguageModel` for embedding models: the first middleware is the outermost. */
export function wrapEmbeddingModel(model: EmbeddingModel, middlewares: readonly EmbeddingModelMiddleware[]): EmbeddingModel {
  return middlewares.reduceRight<EmbeddingModel>((wrapped, middleware) => middleware(wrapped), model);
}

export function isEmbeddingModel(model: LanguageModel | EmbeddingModel): model is EmbeddingModel {
  return 'doEmbed' in model && typeof model.doEmbed === 'function';
}

/** Builds a middleware for both model kinds from one wrapper per kind. */
export function defineModelMiddleware(wrappers: {
  language: LanguageModelMiddleware;
  embedding: EmbeddingModelMiddleware;
}): ModelMiddleware {
  function middleware(model: LanguageModel): LanguageModel;
  function middleware(model: EmbeddingModel): EmbeddingModel;
  function middleware(model: LanguageModel | EmbeddingModel): LanguageModel | EmbeddingModel {
    return isEmbeddingModel(model) ? wrappers.embedding(model) : wrappers.language(model);
  }
  return middleware;
}

/**
 * An embedding model like `model` with another `doEmbed`. `dimensions` stays a live read: some models
 * learn it from their first response.
 */
export function withDoEmbed(model: EmbeddingModel, doEmbed: EmbeddingModel['doEmbed']): EmbeddingModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    get dimensions() {
      return model.dimensions;
    },
    get maxBatchSize() {
      return model.maxBatchSize;
    },
    doEmbed,
  };
}
