import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../spec';
import { createLocalProvider } from './create-local-provider';

const dot = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));

describe('createLocalProvider', () => {
  const model = createLocalProvider().embeddingModel();

  it('describes use-lite and reuses one model instance', () => {
    const provider = createLocalProvider();
    expect(provider.name).toBe('local');
    expect(provider.embeddingModel('use-lite')).toBe(provider.embeddingModel());
    expect(model).toMatchObject({ provider: 'local', modelId: 'use-lite', dimensions: 512, maxBatchSize: 64 });
    expect(createLocalProvider({ name: 'embedder' }).embeddingModel().provider).toBe('embedder');
  });

  it('rejects unknown model ids with a message naming use-lite', () => {
    let caught: unknown;
    try {
      createLocalProvider().embeddingModel('bge-small');
    } catch (error) {
      caught = error;
    }
    expect(isGatewayError(caught) && caught.code).toBe('unknown_model');
    expect((caught as Error).message).toMatch(/"bge-small".*"use-lite"/);
  });

  it('ranks a paraphrase above an unrelated sentence', async () => {
    const { embeddings } = await model.doEmbed([
      'How do I get my money back?',
      'What is your refund policy?',
      'The weather is sunny today',
    ]);
    const [question, paraphrase, unrelated] = embeddings as [number[], number[], number[]];
    expect(question).toHaveLength(512);
    expect(dot(question, paraphrase)).toBeGreaterThan(dot(question, unrelated) + 0.2);
  });

  it('returns unit vectors in input order, the same as embedding each text alone', async () => {
    const texts = ['cats purr', 'stock markets fell sharply', 'a recipe for bread', 'cats purr'];
    const { embeddings } = await model.doEmbed(texts);
    expect(embeddings).toHaveLength(texts.length);
    for (const [index, text] of texts.entries()) {
      const alone = (await model.doEmbed([text])).embeddings[0]!;
      const inBatch = embeddings[index]!;
      expect(norm(inBatch)).toBeCloseTo(1, 5);
      expect(dot(alone, inBatch)).toBeCloseTo(1, 4);
    }
    expect(dot(embeddings[1]!, embeddings[2]!)).toBeLessThan(0.9);
  });

  it('splits a call larger than maxBatchSize and keeps the order', async () => {
    const texts = Array.from({ length: 70 }, (_, index) => `sentence number ${index} about topic ${index % 7}`);
    const { embeddings } = await model.doEmbed(texts);
    expect(embeddings).toHaveLength(70);
    const last = (await model.doEmbed([texts[69]!])).embeddings[0]!;
    expect(dot(last, embeddings[69]!)).toBeCloseTo(1, 4);
  });

  it('gives empty strings one vector wherever they appear, also alone and last', async () => {
    const alone = (await model.doEmbed([''])).embeddings;
    const last = (await model.doEmbed(['hello', ''])).embeddings;
    const middle = (await model.doEmbed(['hello', '', 'world'])).embeddings;
    const allEmpty = (await model.doEmbed(['', ''])).embeddings;
    expect(alone).toHaveLength(1);
    expect(last).toHaveLength(2);
    expect(allEmpty).toHaveLength(2);
    expect(norm(alone[0]!)).toBeCloseTo(1, 5);
    expect(dot(alone[0]!, last[1]!)).toBeCloseTo(1, 4);
    expect(dot(alone[0]!, middle[1]!)).toBeCloseTo(1, 4);
    expect(dot(alone[0]!, allEmpty[1]!)).toBeCloseTo(1, 4);
    expect(dot(last[0]!, middle[0]!)).toBeCloseTo(1, 4);
    expect(await model.doEmbed([])).toEqual({ embeddings: [] });
  });

  it('rejects an aborted call with cancelled and keeps serving others', async () => {
    const controller = new AbortController();
    const aborted = model.doEmbed(['to be cancelled'], { signal: controller.signal });
    const other = model.doEmbed(['still wanted']);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'cancelled' });
    expect((await other).embeddings).toHaveLength(1);
    const already = AbortSignal.abort();
    await expect(model.doEmbed(['x'], { signal: already })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
