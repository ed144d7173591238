import type OpenAI from 'openai';
import type { EmbedOptions, EmbedResult, EmbeddingModel } from '../../spec';
import { GatewayError } from '../../spec';
import { mapOpenAIError } from './map-openai-error';

export interface OpenAIEmbeddingModelSettings {
  client: OpenAI;
  provider: string;
  modelId: string;
  baseURL: string;
  /** Sent as the request's `dimensions` (models that can shorten their vectors). */
  requestedDimensions?: number | undefined;
  /** What the vectors are known to measure before the first call (config, or OpenAI's published sizes). */
  knownDimensions?: number | undefined;
  maxBatchSize: number;
}

/** OpenAI's published vector sizes, so `dimensions` is right before the first call. */
export const openAIEmbeddingDimensions: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/**
 * An embedding model served by an OpenAI(-compatible) API. `dimensions` is 0 until known: from the
 * settings, or learned from the first response.
 */
export function createOpenAIEmbeddingModel(settings: OpenAIEmbeddingModelSettings): EmbeddingModel {
  const { client, provider, modelId, baseURL, maxBatchSize } = settings;
  let dimensions = settings.requestedDimensions ?? settings.knownDimensions ?? 0;
  const fail = (code: 'bad_request' | 'bad_response', message: string) =>
    new GatewayError({ code, message, provider, modelId });

  return {
    provider,
    modelId,
    maxBatchSize,
    get dimensions() {
      return dimensions;
    },

    async doEmbed(texts: string[], options: EmbedOptions = {}): Promise<EmbedResult> {
      if (texts.length === 0) return { embeddings: [], usage: { inputTokens: 0 } };
      if (texts.length > maxBatchSize) {
        throw fail('bad_request', `doEmbed got ${texts.length} texts but ${provider}:${modelId} takes at most ${maxBatchSize} per call: split them into batches of maxBatchSize.`);
      }
      let response: OpenAI.Embeddings.CreateEmbeddingResponse;
      try {
        response = await client.embeddings.create(
          {
            model: modelId,
            input: texts,
            // Floats, not the SDK's base64 default: several compatible servers ignore base64.
            encoding_format: 'float',
            ...(settings.requestedDimensions === undefined ? {} : { dimensions: settings.requestedDimensions }),
          },
          { maxRetries: 0, ...(options.signal === undefined ? {} : { signal: options.signal }) },
        );
      } catch (error) {
        throw mapOpenAIError(error, { provider, modelId, baseURL, signal: options.signal });
      }

      const data = [...(response.data ?? [])].sort((a, b) => a.index - b.index);
      if (data.length !== texts.length) {
        throw fail('bad_response', `${provider}:${modelId} returned ${data.length} vectors for ${texts.length} texts. Check that ${baseURL} is an OpenAI-compatible embeddings API.`);
      }
      const embeddings = data.map((item) => item.embedding);
      const lengths = new Set(embeddings.map((vector) => (Array.isArray(vector) ? vector.length : -1)));
      const [length] = lengths;
      if (lengths.size !== 1 || length === undefined || length <= 0) {
        throw fail('bad_response', `${provider}:${modelId} returned vectors of mixed or invalid lengths. Check that ${baseURL} is an OpenAI-compatible embeddings API.`);
      }
      if (dimensions === 0) dimensions = length;
      if (length !== dimensions) {
        throw fail('bad_response', `${provider}:${modelId} returned ${length}-dimensional vectors but ${dimensions} were expected. Fix embeddingDimensions["${modelId}"] in the provider config, or the requested dimensions.`);
      }
      return {
        embeddings,
        ...(response.usage ? { usage: { inputTokens: response.usage.prompt_tokens } } : {}),
      };
    },
  };
}
