import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startModelTestServer, type ModelTestServer } from '@weft/model-test-server';
import type { EmbeddingModel } from '../spec';
import { createOpenAIProvider } from '../providers/openai/create-openai-provider';
import { batchEmbeddings } from './embedding-batcher';

let server: ModelTestServer;

beforeAll(async () => {
  server = await startModelTestServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.resetStats();
});

function upstreamModel(maxBatchSize: number): EmbeddingModel {
  const provider = createOpenAIProvider({ name: 'test', kind: 'openai', baseURL: server.url, apiKey: 'test' });
  return provider.embeddingModel('weft-test-embedding', { maxBatchSize });
}

/** Vectors from the server without the batcher, one request per `maxBatchSize` texts. */
async function referenceVectors(model: EmbeddingModel, texts: string[]): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += model.maxBatchSize) {
    vectors.push(...(await model.doEmbed(texts.slice(start, start + model.maxBatchSize))).embeddings);
  }
  return vectors;
}

const sentences = (count: number, label: string) =>
  Array.from({ length: count }, (_, index) => `${label} sentence ${index}: the quick brown fox number ${index * 7}`);

describe('batchEmbeddings', () => {
  it('coalesces 200 concurrent single-text calls into full batches and gives each caller its own vector', async () => {
    const upstream = upstreamModel(32);
    const texts = sentences(200, 'many');
    const expected = await referenceVectors(upstream, texts);
    expect(new Set(expected.map((vector) => vector.join())).size).toBe(200);
    server.resetStats();

    const batched = batchEmbeddings(upstream);
    const results = await Promise.all(texts.map((text) => batched.doEmbed([text])));

    expect(server.stats.embeddingRequests).toBe(Math.ceil(200 / 32));
    expect(server.stats.embeddingInputs).toBe(200);
    expect(batched.dimensions).toBe(64);
    results.forEach((result, index) => expect(result.embeddings).toEqual([expected[index]]));
  });

  it('sends a text repeated across callers once and still answers every caller', async () => {
    const upstream = upstreamModel(64);
    const distinct = sentences(5, 'dup');
    const expected = await referenceVectors(upstream, distinct);
    server.resetStats();

    const batched = batchEmbeddings(upstream);
    const picks = Array.from({ length: 50 }, (_, index) => index % 5);
    const results = await Promise.all(picks.map((pick) => batched.doEmbed([distinct[pick]!])));

    expect(server.stats.embeddingRequests).toBe(1);
    expect(server.stats.embeddingInputs).toBe(5);
    results.forEach((result, index) => expect(result.embeddings).toEqual([expected[picks[index]!]]));
  });

  it('splits one call larger than maxBatchSize and keeps its order', async () => {
    const upstream = upstreamModel(10);
    const texts = sentences(25, 'big');
    const expected = await referenceVectors(upstream, texts);
    server.resetStats();

    const result = await batchEmbeddings(upstream).doEmbed(texts);

    expect(server.stats.embeddingRequests).toBe(3);
    expect(result.embeddings).toEqual(expected);
  });

  it('rejects only the callers of the batch whose upstream request failed', async () => {
    const upstream = upstreamModel(10);
    const texts = sentences(30, 'fail');
    const expected = await referenceVectors(upstream, texts);
    server.resetStats();
    server.script([{ fault: 'server-error' }]);

    const batched = batchEmbeddings(upstream);
    const settled = await Promise.allSettled(texts.map((text) => batched.doEmbed([text])));

    expect(server.stats.embeddingRequests).toBe(3);
    const rejected = settled.flatMap((outcome, index) => (outcome.status === 'rejected' ? [index] : []));
    // Batches are callers 0-9, 10-19 and 20-29; whichever request reached the server first failed.
    expect(rejected).toHaveLength(10);
    expect(rejected[0]! % 10).toBe(0);
    expect(rejected).toEqual(Array.from({ length: 10 }, (_, offset) => rejected[0]! + offset));
    const firstFailure = settled[rejected[0]!] as PromiseRejectedResult;
    expect(firstFailure.reason).toMatchObject({ code: 'provider_unavailable', status: 500 });
    settled.forEach((outcome, index) => {
      if (outcome.status === 'fulfilled') expect(outcome.value.embeddings).toEqual([expected[index]]);
    });
  });

  it('rejects an aborted caller with cancelled while its batch mates get their vectors', async () => {
    const upstream = upstreamModel(64);
    const texts = sentences(3, 'abort');
    const expected = await referenceVectors(upstream, texts);
    server.resetStats();
    server.script([{ latencyMs: 150 }]);

    const batched = batchEmbeddings(upstream);
    const controller = new AbortController();
    const settledOrder: number[] = [];
    const calls = texts.map((text, index) => {
      const call = batched.doEmbed([text], index === 1 ? { signal: controller.signal } : {});
      call.then(() => settledOrder.push(index), () => settledOrder.push(index));
      return call;
    });
    setTimeout(() => controller.abort(), 20);

    await expect(calls[1]).rejects.toMatchObject({ code: 'cancelled' });
    expect((await calls[0])!.embeddings).toEqual([expected[0]]);
    expect((await calls[2])!.embeddings).toEqual([expected[2]]);
    expect(settledOrder[0]).toBe(1);
    expect(server.stats.embeddingRequests).toBe(1);
    await expect(batched.doEmbed(['late'], { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('aborts an upstream request once none of its callers waits for it', async () => {
    const upstream = upstreamModel(2);
    const upstreamSignals: AbortSignal[] = [];
    // Records the signal each upstream request gets; the request itself goes to the real server.
    const observed: EmbeddingModel = {
      ...upstream,
      doEmbed: (texts, options) => {
        if (options?.signal) upstreamSignals.push(options.signal);
        return upstream.doEmbed(texts, options);
      },
    };
    server.script([{ latencyMs: 200 }, { latencyMs: 200 }]);
    const batched = batchEmbeddings(observed);
    const controller = new AbortController();
    const abandoned = ['a1', 'a2'].map((text) => batched.doEmbed([text], { signal: controller.signal }));
    const wanted = batched.doEmbed(['w1', 'w2']);
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();

    await Promise.all(abandoned.map((call) => expect(call).rejects.toMatchObject({ code: 'cancelled' })));
    expect((await wanted).embeddings).toHaveLength(2);
    expect(upstreamSignals.map((signal) => signal.aborted)).toEqual([true, false]);
  });

  it('does not send texts of a caller that aborted before its batch left', async () => {
    const upstream = upstreamModel(64);
    const batched = batchEmbeddings(upstream, { maxWaitMs: 20 });
    const controller = new AbortController();
    const dropped = batched.doEmbed(['never sent'], { signal: controller.signal });
    const kept = batched.doEmbed(['sent']);
    controller.abort();

    await expect(dropped).rejects.toMatchObject({ code: 'cancelled' });
    expect((await kept).embeddings).toHaveLength(1);
    expect(server.stats.embeddingInputs).toBe(1);
  });

  it('sends calls further apart than maxWaitMs separately', async () => {
    const batched = batchEmbeddings(upstreamModel(64), { maxWaitMs: 2 });
    const first = batched.doEmbed(['first']);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await Promise.all([first, batched.doEmbed(['second'])]);
    expect(server.stats.embeddingRequests).toBe(2);
  });

  it('shares the upstream usage among callers so the totals match', async () => {
    const upstream = upstreamModel(64);
    const texts = sentences(12, 'usage');
    const direct = await upstream.doEmbed(texts);
    expect(direct.usage?.inputTokens).toBeGreaterThan(0);

    const batched = batchEmbeddings(upstream);
    const results = await Promise.all(texts.map((text) => batched.doEmbed([text])));
    const total = results.reduce((sum, result) => sum + (result.usage?.inputTokens ?? Number.NaN), 0);
    expect(Math.abs(total - direct.usage!.inputTokens)).toBeLessThanOrEqual(texts.length / 2);
  });
});
