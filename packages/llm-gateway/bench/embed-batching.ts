import type { EmbeddingModel } from '../src/spec';
import { batchEmbeddings } from '../src/middleware/embedding-batcher';
import { progress, timeIt } from './measure';

export interface EmbedBatchingResult {
  batchedRequests: number;
  unbatchedRequests: number;
  batchedMs: number;
  unbatchedMs: number;
}

export interface EmbedBatchingSetup {
  model: EmbeddingModel;
  /** Upstream embedding requests the server has counted so far. */
  upstreamRequests: () => number;
  calls: number;
  /** Runs per side; the median wall time is reported. */
  runs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** `calls` concurrent single-text doEmbed calls, through the batcher versus straight to the model. */
export async function measureEmbedBatching(setup: EmbedBatchingSetup): Promise<EmbedBatchingResult> {
  const { model, upstreamRequests, calls, runs } = setup;
  const batched = batchEmbeddings(model);
  const texts = Array.from({ length: calls }, (_, index) => `support ticket ${index}: my order #${index * 31} arrived damaged`);
  const fire = (target: EmbeddingModel) => () => Promise.all(texts.map((text) => target.doEmbed([text])));

  const batchedMs: number[] = [];
  const unbatchedMs: number[] = [];
  let batchedRequests = 0;
  let unbatchedRequests = 0;
  for (let run = 0; run < runs; run += 1) {
    let before = upstreamRequests();
    batchedMs.push(await timeIt(fire(batched)));
    batchedRequests = upstreamRequests() - before;
    before = upstreamRequests();
    unbatchedMs.push(await timeIt(fire(model)));
    unbatchedRequests = upstreamRequests() - before;
  }
  progress(`embed x${calls}: batched ${batchedMs.map((ms) => ms.toFixed(0)).join('/')} ms, unbatched ${unbatchedMs.map((ms) => ms.toFixed(0)).join('/')} ms`);
  return { batchedRequests, unbatchedRequests, batchedMs: median(batchedMs), unbatchedMs: median(unbatchedMs) };
}
