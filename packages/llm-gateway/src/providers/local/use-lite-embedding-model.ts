import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { GatewayError, type EmbedOptions, type EmbedResult, type EmbeddingModel } from '../../spec';
import { loadUseLite } from './load-use-lite';

export const useLiteModelId = 'use-lite';
const dimensions = 512;
const maxBatchSize = 64;

export interface UseLiteOptions {
  provider: string;
  load?: () => Promise<EmbeddingsModel>;
}

/**
 * Universal Sentence Encoder lite (512 dims) running in-process. Vectors are L2-normalised, so cosine
 * similarity is their dot product. Calls larger than `maxBatchSize` are run in chunks of that size.
 * An empty string gets the model's own vector for an empty token sequence (the same wherever it appears).
 */
export function createUseLiteEmbeddingModel({ provider, load = loadUseLite }: UseLiteOptions): EmbeddingModel {
  // One inference at a time: the wasm backend is single-threaded, so interleaving only adds memory.
  let queue: Promise<unknown> = Promise.resolve();

  const cancelled = () =>
    new GatewayError({ code: 'cancelled', provider, modelId: useLiteModelId, message: 'The embedding call was aborted by its caller.' });

  async function embedAll(texts: string[], signal: AbortSignal | undefined): Promise<number[][]> {
    const model = await load();
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += maxBatchSize) {
      if (signal?.aborted) throw cancelled();
      vectors.push(...(await embedChunk(model, texts.slice(start, start + maxBatchSize), provider)));
    }
    return vectors;
  }

  return {
    provider,
    modelId: useLiteModelId,
    dimensions,
    maxBatchSize,
    async doEmbed(texts: string[], options: EmbedOptions = {}): Promise<EmbedResult> {
      const { signal } = options;
      if (signal?.aborted) throw cancelled();
      if (texts.length === 0) return { embeddings: [] };
      const run = queue.then(() => embedAll(texts, signal));
      queue = run.catch(() => undefined);
      if (!signal) return { embeddings: await run };
      // Inference cannot be interrupted; an aborted caller is answered at once and the result dropped.
      return new Promise<EmbedResult>((resolve, reject) => {
        const onAbort = () => reject(cancelled());
        signal.addEventListener('abort', onAbort, { once: true });
        run.then(
          (embeddings) => resolve({ embeddings }),
          reject,
        ).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
  };
}

async function embedChunk(model: EmbeddingsModel, texts: string[], provider: string): Promise<number[][]> {
  // The model sizes its output by the last row that has tokens: trailing empty strings would get no
  // row, and an all-empty batch fails. A non-empty sentinel at the end gives every input its row.
  const padded = texts.at(-1) === '' ? [...texts, '.'] : texts;
  const raw = await model.embed(padded);
  if (raw.length < texts.length) {
    throw new GatewayError({
      code: 'bad_response',
      provider,
      modelId: useLiteModelId,
      isRetryable: false,
      message: `The local model returned ${raw.length} vectors for ${texts.length} texts; this is a bug in the local provider, please report it.`,
    });
  }
  return raw.slice(0, texts.length).map(normalise);
}

function normalise(vector: number[]): number[] {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}
