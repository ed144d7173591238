import { describe, expect, it } from 'vitest';
import { startModelTestServer } from './start-model-test-server';
import { fetchLoose, postJson, sseChunks } from './test-support/sse';
import { TimerRegistry } from './timer-registry';

const chatBody = { model: 'weft-test-model', messages: [{ role: 'user', content: 'hi' }] };

describe('startModelTestServer', () => {
  it('listens on a random 127.0.0.1 port and lists the test models', async () => {
    const server = await startModelTestServer();
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1`);
      expect(server.port).toBeGreaterThan(0);
      const models = await (await fetchLoose(`${server.url}/models`)).json();
      expect(models.object).toBe('list');
      expect(models.data.map((model: { id: string }) => model.id)).toEqual(['weft-test-model', 'weft-test-embedding']);
    } finally {
      await server.close();
    }
  });

  it('records method, path, headers and body of the last 1,000 requests', async () => {
    const server = await startModelTestServer();
    try {
      await postJson(`${server.url}/chat/completions`, chatBody, { 'x-custom': 'yes' });
      expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: chatBody });
      expect(server.requests[0]?.headers['x-custom']).toBe('yes');
      for (let batch = 0; batch < 10; batch += 1) {
        await Promise.all(Array.from({ length: 101 }, () => fetchLoose(`${server.url}/models`).then((response) => response.text())));
      }
      expect(server.requests).toHaveLength(1000);
      expect(server.requests.every((request) => request.path === '/v1/models')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('setDefaults changes later answers and rejects invalid values', async () => {
    const server = await startModelTestServer({ chunkCount: 2 });
    try {
      const count = async () =>
        sseChunks(await (await postJson(`${server.url}/chat/completions`, { ...chatBody, stream: true })).text()).filter(
          (chunk) => chunk.choices[0]?.delta.content,
        ).length;
      expect(await count()).toBe(2);
      server.setDefaults({ chunkCount: 5, embeddingDimensions: 3 });
      expect(await count()).toBe(5);
      const embedded = await (await postJson(`${server.url}/embeddings`, { model: 'm', input: 'x' })).json();
      expect(embedded.data[0].embedding).toHaveLength(3);
      expect(() => server.setDefaults({ latencyMs: -1 })).toThrow(/latencyMs must be a non-negative integer/);
    } finally {
      await server.close();
    }
  });

  it('resetStats zeroes the counters and forgets requests but keeps the live connection count', async () => {
    const server = await startModelTestServer();
    try {
      await (await postJson(`${server.url}/chat/completions`, chatBody)).text();
      await (await postJson(`${server.url}/embeddings`, { model: 'm', input: ['a', 'b', 'c'] })).text();
      expect(server.stats).toMatchObject({ chatRequests: 1, streamRequests: 0, embeddingRequests: 1, embeddingInputs: 3 });
      expect(server.stats.openConnections).toBeGreaterThan(0);
      const stats = server.stats;
      server.resetStats();
      expect(stats).toMatchObject({ chatRequests: 0, embeddingRequests: 0, embeddingInputs: 0, abortedStreams: 0 });
      expect(stats.openConnections).toBeGreaterThan(0);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('close() ends open streams and connections at once and stops listening', async () => {
    const server = await startModelTestServer({ latencyMs: 5000 });
    const response = await postJson(`${server.url}/chat/completions`, { ...chatBody, stream: true });
    const pending = response.text();
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
    expect(server.stats.openConnections).toBe(0);
    expect(server.stats.abortedStreams).toBe(0);
    await expect(fetch(`${server.url}/models`)).rejects.toThrow();
    await server.close();
  });

  it('rejects invalid options with a message naming the option', async () => {
    await expect(startModelTestServer({ chunkCount: 0 })).rejects.toThrow(/chunkCount must be a positive integer/);
  });
});

describe('TimerRegistry', () => {
  it('clear() settles every pending delay as not completed and leaves no timer behind', async () => {
    const timers = new TimerRegistry();
    const signal = new AbortController().signal;
    const delays = [timers.delay(10_000, signal), timers.delay(20_000, signal)];
    expect(timers.size).toBe(2);
    timers.clear();
    expect(await Promise.all(delays)).toEqual([false, false]);
    expect(timers.size).toBe(0);
    expect(await timers.delay(1, signal)).toBe(true);
  });
});
