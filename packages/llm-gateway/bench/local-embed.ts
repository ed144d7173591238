import { createLocalProvider } from '../src/providers/local/create-local-provider';
import { progress, timeIt } from './measure';

export interface LocalEmbedResult {
  loadMs: number;
  perTextMs: number;
}

/** The in-process use-lite model: first-call load time, then per-text time over calls of maxBatchSize texts. */
export async function measureLocalEmbed(textCount: number): Promise<LocalEmbedResult> {
  const model = createLocalProvider().embeddingModel('use-lite');
  const loadMs = await timeIt(() => model.doEmbed(['warm up the model']));
  const texts = Array.from({ length: textCount }, (_, index) => `Document ${index} explains refund rule ${index % 13} for orders shipped to region ${index % 7}.`);
  const totalMs = await timeIt(async () => {
    for (let start = 0; start < texts.length; start += model.maxBatchSize) {
      await model.doEmbed(texts.slice(start, start + model.maxBatchSize));
    }
  });
  progress(`local use-lite: load+first call ${loadMs.toFixed(0)} ms, ${textCount} texts in ${totalMs.toFixed(0)} ms`);
  return { loadMs, perTextMs: totalMs / textCount };
}
