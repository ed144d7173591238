import OpenAI from 'openai';
import type { EmbeddingModel, LanguageModel, ProviderConfig } from '../../spec';
import { createOpenAIEmbeddingModel, openAIEmbeddingDimensions } from './openai-embedding-model';
import { createOpenAILanguageModel } from './openai-language-model';
import { createNodeHttpFetch } from './node-http-fetch';

export const openAIDefaultBaseURL = 'https://api.openai.com/v1';
const defaultMaxBatchSize = 256;

export interface OpenAIEmbeddingOptions {
  /** Asks the API for vectors of this length (text-embedding-3 models can shorten theirs). */
  dimensions?: number;
  /** Texts per request (default 256). */
  maxBatchSize?: number;
}

export interface OpenAIProvider {
  readonly name: string;
  languageModel(modelId: string): LanguageModel;
  embeddingModel(modelId: string, options?: OpenAIEmbeddingOptions): EmbeddingModel;
}

/**
 * A provider for api.openai.com or any OpenAI-compatible server (Ollama, vLLM, LM Studio…). The SDK never
 * retries (retries are the gateway middleware's job) and never reads the environment: everything comes
 * from `config`.
 */
export function createOpenAIProvider(config: ProviderConfig): OpenAIProvider {
  const baseURL = (config.baseURL ?? openAIDefaultBaseURL).replace(/\/+$/, '');
  const isOpenAI = new URL(baseURL).hostname === 'api.openai.com';
  const client = new OpenAI({
    // Local servers need no key, but the SDK refuses to start without one.
    apiKey: config.apiKey ?? 'no-api-key-configured',
    baseURL,
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    defaultHeaders: config.headers ?? {},
    maxRetries: 0,
    fetch: createNodeHttpFetch(),
    // Failures surface as GatewayErrors; the SDK's own console logging would only duplicate them.
    logLevel: 'off',
    ...(config.limits?.totalTimeoutMs === undefined ? {} : { timeout: config.limits.totalTimeoutMs }),
  });

  return {
    name: config.name,
    languageModel(modelId) {
      return createOpenAILanguageModel({ client, provider: config.name, modelId, baseURL, useMaxCompletionTokens: isOpenAI });
    },
    embeddingModel(modelId, options = {}) {
      return createOpenAIEmbeddingModel({
        client,
        provider: config.name,
        modelId,
        baseURL,
        requestedDimensions: options.dimensions,
        knownDimensions: config.embeddingDimensions?.[modelId] ?? (isOpenAI ? openAIEmbeddingDimensions[modelId] : undefined),
        maxBatchSize: options.maxBatchSize ?? defaultMaxBatchSize,
      });
    },
  };
}
