import type { EmbeddingModel } from '@weft/llm-gateway/spec';
import { KnowledgeError } from '../../spec';

/**
 * Embeds texts in requests of at most `model.maxBatchSize`, one after another, calling `onBatch` after
 * each. Checks the answer: one vector per text, all of one length.
 */
export async function embedInBatches(
  model: EmbeddingModel,
  texts: readonly string[],
  onBatch: (embedded: number, total: number) => Promise<void>,
): Promise<number[][]> {
  const batchSize = Math.max(1, model.maxBatchSize);
  const label = `${model.provider}:${model.modelId}`;
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    const { embeddings } = await model.doEmbed(batch);
    if (embeddings.length !== batch.length) {
      throw new KnowledgeError('embedding_failed', `${label} returned ${embeddings.length} vectors for ${batch.length} texts; check that its server is OpenAI-compatible.`, {
        isRetryable: true,
      });
    }
    vectors.push(...embeddings);
    await onBatch(vectors.length, texts.length);
  }
  const dimensions = vectors[0]?.length ?? 0;
  const odd = vectors.find((vector) => vector.length !== dimensions || vector.length === 0);
  if (odd !== undefined) {
    throw new KnowledgeError(
      'dimension_mismatch',
      `${label} returned vectors of different lengths (${dimensions} and ${odd.length}); check the model's embeddingDimensions setting.`,
    );
  }
  return vectors;
}
