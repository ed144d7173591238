import { embedText, startModelTestServer } from '@weft/model-test-server';
import type { ModelTestServer } from '@weft/model-test-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from './create-openai-provider';

let server: ModelTestServer;
beforeAll(async () => {
  server = await startModelTestServer({ embeddingDimensions: 24 });
});
beforeEach(() => server.resetStats());
afterAll(async () => {
  await server.close();
});

const provider = () =>
  createOpenAIProvider({ name: 'test', kind: 'openai', baseURL: server.url, embeddingDimensions: { 'configured-size': 24 } });

describe('OpenAI embedding model', () => {
  it('returns one vector per text in order, with usage, and learns dimensions from the first answer', async () => {
    const model = provider().embeddingModel('weft-test-embedding');
    expect(model.dimensions).toBe(0);
    const result = await model.doEmbed(['first text', 'second one here']);
    expect(result.usage).toEqual({ inputTokens: 5 });
    expect(result.embeddings).toHaveLength(2);
    result.embeddings.forEach((vector, index) => {
      const expected = embedText(['first text', 'second one here'][index] ?? '', 24);
      vector.forEach((value, position) => expect(value).toBeCloseTo(expected[position] ?? NaN, 12));
    });
    expect(model.dimensions).toBe(24);
    expect(server.requests.at(-1)?.body).toMatchObject({ model: 'weft-test-embedding', input: ['first text', 'second one here'], encoding_format: 'float' });
  });

  it('sends requested dimensions and knows them before the first call; config sizes are known too', async () => {
    const shortened = provider().embeddingModel('weft-test-embedding', { dimensions: 8 });
    expect(shortened.dimensions).toBe(8);
    const result = await shortened.doEmbed(['x']);
    expect(result.embeddings[0]).toHaveLength(8);
    expect((server.requests.at(-1)?.body as { dimensions?: number }).dimensions).toBe(8);
    expect(provider().embeddingModel('configured-size').dimensions).toBe(24);
  });

  it('rejects vectors of a size other than the configured one, saying which setting to fix', async () => {
    const wrong = createOpenAIProvider({ name: 'test', kind: 'openai', baseURL: server.url, embeddingDimensions: { m: 99 } }).embeddingModel('m');
    await expect(wrong.doEmbed(['x'])).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('embeddingDimensions["m"]') });
  });

  it('enforces maxBatchSize without calling the server, and skips the call for no texts', async () => {
    const model = provider().embeddingModel('weft-test-embedding', { maxBatchSize: 2 });
    expect(model.maxBatchSize).toBe(2);
    await expect(model.doEmbed(['a', 'b', 'c'])).rejects.toMatchObject({ code: 'bad_request' });
    expect(await model.doEmbed([])).toEqual({ embeddings: [], usage: { inputTokens: 0 } });
    expect(server.stats.embeddingRequests).toBe(0);
  });

  it('maps faults: a scripted 429 → rate_limited, then the next call succeeds', async () => {
    const model = provider().embeddingModel('weft-test-embedding');
    server.script([{ fault: 'rate-limit', retryAfterSeconds: 2 }]);
    await expect(model.doEmbed(['x'])).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 2000 });
    expect((await model.doEmbed(['x'])).embeddings).toHaveLength(1);
    expect(server.stats.embeddingRequests).toBe(2);
  });
});
