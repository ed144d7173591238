import { startModelTestServer } from '@weft/model-test-server';
import type { ModelTestServer } from '@weft/model-test-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayError, StreamPart } from '../../spec';
import { isGatewayError } from '../../spec';
import { createOpenAIProvider } from './create-openai-provider';
import { parseRetryAfter } from './map-openai-error';

let server: ModelTestServer;
beforeAll(async () => {
  server = await startModelTestServer();
});
beforeEach(() => server.resetStats());
afterAll(async () => {
  await server.close();
});

const modelAt = (baseURL: string, modelId = 'weft-test-model', totalTimeoutMs?: number) =>
  createOpenAIProvider({ name: 'local-llm', kind: 'openai', baseURL, ...(totalTimeoutMs ? { limits: { totalTimeoutMs } } : {}) }).languageModel(modelId);
const ask = (headers: Record<string, string> = {}, signal?: AbortSignal) => ({ messages: [{ role: 'user' as const, content: 'hi' }], headers, ...(signal ? { signal } : {}) });

async function generateError(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!isGatewayError(error)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

/** The error of a stream, whether thrown by the iterator or delivered as an error part. */
async function streamError(parts: AsyncIterable<StreamPart>): Promise<{ error: GatewayError; before: StreamPart[] }> {
  const before: StreamPart[] = [];
  try {
    for await (const part of parts) {
      if (part.type === 'error') return { error: part.error, before };
      before.push(part);
    }
  } catch (error) {
    if (isGatewayError(error)) return { error, before };
    throw error;
  }
  throw new Error(`the stream ended without an error: ${JSON.stringify(before)}`);
}

describe('OpenAI provider: HTTP faults become GatewayErrors', () => {
  it.each([
    ['auth', 'auth_failed', 401, false, /valid apiKey for provider "local-llm"/],
    ['rate-limit', 'rate_limited', 429, true, /lower limits\.rpm/],
    ['context-length', 'context_length_exceeded', 400, false, /Shorten the messages/],
    ['server-error', 'provider_unavailable', 500, true, /retry later or configure a fallback/],
  ])('x-test-fault %s → %s (blocking and streamed)', async (fault, code, status, retryable, fix) => {
    const model = modelAt(server.url);
    const blocking = await generateError(model.doGenerate(ask({ 'x-test-fault': fault })));
    expect(blocking).toMatchObject({ code, status, isRetryable: retryable, provider: 'local-llm', modelId: 'weft-test-model' });
    expect(blocking.message).toMatch(fix);
    const streamed = await streamError(model.doStream(ask({ 'x-test-fault': fault })));
    expect(streamed.error).toMatchObject({ code, status });
    expect(server.stats.chatRequests).toBe(2);
  });

  it('reads Retry-After into retryAfterMs', async () => {
    const error = await generateError(modelAt(server.url).doGenerate(ask({ 'x-test-fault': 'rate-limit', 'x-test-retry-after': '3' })));
    expect(error.retryAfterMs).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }), Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });

  it('a missing model → unknown_model; a wrong baseURL path → invalid_config', async () => {
    const missing = await generateError(modelAt(server.url, 'missing-model').doGenerate(ask()));
    expect(missing).toMatchObject({ code: 'unknown_model', status: 404 });
    expect(missing.message).toContain(`GET ${server.url}/models`);
    const noV1 = await generateError(modelAt(server.url.replace(/\/v1$/, '')).doGenerate(ask()));
    expect(noV1).toMatchObject({ code: 'invalid_config', status: 404 });
    expect(noV1.message).toContain('/v1');
  });

  it('a server that is not running → provider_unavailable naming the URL', async () => {
    const gone = await startModelTestServer();
    await gone.close();
    const error = await generateError(modelAt(gone.url).doGenerate(ask()));
    expect(error).toMatchObject({ code: 'provider_unavailable', isRetryable: true });
    expect(error.message).toContain(gone.url);
    expect((await streamError(modelAt(gone.url).doStream(ask()))).error.code).toBe('provider_unavailable');
  });
});

describe('OpenAI provider: stream faults', () => {
  it('a connection reset mid-stream → provider_unavailable after the first deltas', async () => {
    const { error, before } = await streamError(modelAt(server.url).doStream(ask({ 'x-test-fault': 'reset-mid-stream' })));
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((part) => part.type === 'text-delta')).toBe(true);
    expect(error).toMatchObject({ code: 'provider_unavailable', isRetryable: true });
  });

  it('a chunk that is not JSON → bad_response (stream) and a non-JSON body → bad_response (blocking)', async () => {
    const { error } = await streamError(modelAt(server.url).doStream(ask({ 'x-test-fault': 'malformed-sse' })));
    expect(error).toMatchObject({ code: 'bad_response', isRetryable: true });
    const blocking = await generateError(modelAt(server.url).doGenerate(ask({ 'x-test-fault': 'malformed-sse' })));
    expect(blocking.code).toBe('bad_response');
  });

  it('a stalled stream ended by an AbortSignal.timeout → timeout, and the server sees the abort', async () => {
    const { error, before } = await streamError(modelAt(server.url).doStream(ask({ 'x-test-fault': 'stall' }, AbortSignal.timeout(150))));
    expect(before.map((part) => part.type)).toEqual(['text-delta']);
    expect(error.code).toBe('timeout');
    await expect.poll(() => server.stats.abortedStreams).toBe(1);
  });

  it("the SDK's own timeout (limits.totalTimeoutMs) on a stalled blocking call → timeout", async () => {
    const error = await generateError(modelAt(server.url, 'weft-test-model', 150).doGenerate(ask({ 'x-test-fault': 'stall' })));
    expect(error).toMatchObject({ code: 'timeout', isRetryable: true });
  });

  it('an abort before the answer → cancelled, thrown', async () => {
    const controller = new AbortController();
    const pending = modelAt(server.url).doGenerate(ask({ 'x-test-latency-ms': '2000' }, controller.signal));
    setTimeout(() => controller.abort(), 30);
    const error = await generateError(pending);
    expect(error).toMatchObject({ code: 'cancelled', isRetryable: false });
  });

  it("an abort whose reason is a GatewayError surfaces that error", async () => {
    const controller = new AbortController();
    const reason = await generateError(modelAt(server.url).doGenerate(ask({ 'x-test-fault': 'server-error' })));
    controller.abort(reason);
    expect(await generateError(modelAt(server.url).doGenerate(ask({}, controller.signal)))).toBe(reason);
  });
});
