import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedText } from './embed-text';
import { startModelTestServer } from './start-model-test-server';
import type { ModelTestServer } from './types';
import { postJson } from './test-support/sse';

let server: ModelTestServer;
beforeAll(async () => {
  server = await startModelTestServer({ embeddingDimensions: 32 });
});
afterAll(async () => {
  await server.close();
});

const embed = (body: unknown, headers?: Record<string, string>) => postJson(`${server.url}/embeddings`, body, headers);
const cosine = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);

describe('POST /v1/embeddings', () => {
  it("answers OpenAI's list shape with one unit vector per input, in order, and word usage", async () => {
    const response = await embed({ model: 'weft-test-embedding', input: ['red apple pie', 'blue sky'] });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ object: 'list', model: 'weft-test-embedding', usage: { prompt_tokens: 5, total_tokens: 5 } });
    expect(body.data.map((item: any) => [item.object, item.index, item.embedding.length])).toEqual([
      ['embedding', 0, 32],
      ['embedding', 1, 32],
    ]);
    expect(body.data[0].embedding).toEqual(embedText('red apple pie', 32));
    expect(Math.hypot(...body.data[1].embedding)).toBeCloseTo(1, 10);
    expect(server.stats.embeddingInputs).toBeGreaterThanOrEqual(2);
  });

  it('accepts a single string and honours the dimensions field', async () => {
    const body = await (await embed({ model: 'm', input: 'just one', dimensions: 7 })).json();
    expect(body.data).toHaveLength(1);
    expect(body.data[0].embedding).toHaveLength(7);
  });

  it('gives similar texts closer vectors than unrelated texts', () => {
    const base = embedText('The quick brown fox jumps over the lazy dog', 64);
    const near = embedText('the quick brown fox jumped over a lazy dog', 64);
    const far = embedText('Quarterly revenue grew in Asian markets', 64);
    expect(cosine(base, near)).toBeGreaterThan(0.8);
    expect(cosine(base, far)).toBeLessThan(cosine(base, near) - 0.3);
    expect(Math.hypot(...embedText('', 8))).toBeCloseTo(1, 10);
  });

  it('encodes base64 float32 vectors when asked, as the openai SDK does by default', async () => {
    const body = await (await embed({ model: 'm', input: 'pack me', encoding_format: 'base64' })).json();
    const bytes = Buffer.from(body.data[0].embedding, 'base64');
    const floats = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
    const expected = embedText('pack me', 32);
    expect(floats).toHaveLength(32);
    floats.forEach((value, index) => expect(value).toBeCloseTo(expected[index] ?? NaN, 6));
  });

  it("answers 400 for a bad input and 404 model_not_found for missing-model", async () => {
    const bad = await embed({ model: 'm', input: [] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ type: 'invalid_request_error', param: 'input' });
    const missing = await embed({ model: 'missing-model', input: 'x' });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('model_not_found');
  });
});
