import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startModelTestServer } from './start-model-test-server';
import type { ModelTestServer } from './types';
import { postJson, sseData } from './test-support/sse';

let server: ModelTestServer;
beforeAll(async () => {
  server = await startModelTestServer();
});
beforeEach(() => server.resetStats());
afterAll(async () => {
  await server.close();
});

const body = { model: 'weft-test-model', messages: [{ role: 'user', content: 'hello' }] };
const chat = (headers: Record<string, string> = {}, stream = false, signal?: AbortSignal) =>
  postJson(`${server.url}/chat/completions`, { ...body, stream }, headers, signal);
const waitFor = async (check: () => boolean) => {
  for (let attempt = 0; attempt < 100 && !check(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
};

describe('status faults', () => {
  it.each([
    ['rate-limit', 429, 'rate_limit_exceeded'],
    ['server-error', 500, null],
    ['auth', 401, 'invalid_api_key'],
    ['context-length', 400, 'context_length_exceeded'],
  ])('x-test-fault %s answers %i with code %s', async (fault, status, code) => {
    const response = await chat({ 'x-test-fault': fault });
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });

  it('sends Retry-After from x-test-retry-after, 1 by default', async () => {
    expect((await chat({ 'x-test-fault': 'rate-limit' })).headers.get('retry-after')).toBe('1');
    expect((await chat({ 'x-test-fault': 'rate-limit', 'x-test-retry-after': '7' })).headers.get('retry-after')).toBe('7');
  });

  it('applies faults to embeddings too', async () => {
    const response = await postJson(`${server.url}/embeddings`, { model: 'm', input: 'x' }, { 'x-test-fault': 'server-error' });
    expect(response.status).toBe(500);
  });
});

describe('stream faults', () => {
  it('reset-mid-stream sends some chunks then cuts the connection', async () => {
    const response = await chat({ 'x-test-fault': 'reset-mid-stream', 'x-test-chunks': '4' }, true);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received += decoder.decode(value);
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(received.match(/"content":"[^"]+"/g)).toHaveLength(2);
    expect(server.stats.abortedStreams).toBe(0);
  });

  it('malformed-sse sends a chunk whose data is not JSON', async () => {
    const data = sseData(await (await chat({ 'x-test-fault': 'malformed-sse' }, true)).text());
    expect(() => JSON.parse(data[1] ?? '')).not.toThrow();
    expect(() => JSON.parse(data.at(-1) ?? '')).toThrow();
    expect(data).not.toContain('[DONE]');
  });

  it('stall sends the first chunk, then nothing until the client gives up (counted as aborted)', async () => {
    const controller = new AbortController();
    const response = await chat({ 'x-test-fault': 'stall' }, true, controller.signal);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('"content":"weft')) received += decoder.decode((await reader.read()).value);
    const silence = new Promise((resolve) => setTimeout(() => resolve('silence'), 150));
    expect(await Promise.race([reader.read().then(() => 'more data'), silence])).toBe('silence');
    controller.abort();
    expect(await waitFor(() => server.stats.abortedStreams === 1)).toBe(true);
  });

  it('counts a stream the client aborts before the end', async () => {
    const controller = new AbortController();
    const response = await chat({ 'x-test-latency-ms': '2000' }, true, controller.signal);
    await response.body!.getReader().read();
    controller.abort();
    expect(await waitFor(() => server.stats.abortedStreams === 1)).toBe(true);
    expect(server.stats.streamRequests).toBe(1);
  });
});

describe('script queue', () => {
  it('consumes one step per request, first in first out, then falls back to defaults', async () => {
    server.script([{ fault: 'rate-limit', retryAfterSeconds: 2 }, { fault: 'rate-limit' }, 'ok']);
    const statuses = [];
    for (let call = 0; call < 4; call += 1) statuses.push((await chat()).status);
    expect(statuses).toEqual([429, 429, 200, 200]);
    expect(server.stats.chatRequests).toBe(4);
  });

  it("'ok' overrides a fault header, and a step's timing overrides the defaults", async () => {
    server.script(['ok', { chunks: 2 }]);
    expect((await chat({ 'x-test-fault': 'auth' })).status).toBe(200);
    const data = sseData(await (await chat({}, true)).text());
    expect(data.filter((item) => item.includes('"content":"') && !item.includes('"content":""'))).toHaveLength(2);
  });
});
