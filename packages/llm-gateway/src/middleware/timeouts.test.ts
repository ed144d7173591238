import { describe, expect, it } from 'vitest';
import { GatewayError } from '../spec';
import { retry } from './retry';
import { ask, chatModel, collect, embeddingModel, eventually, recordingSleep, streamedText, useModelTestServer } from './test-support/real-model';
import { timeouts } from './timeouts';
import { wrapLanguageModel } from './wrap-language-model';

const context = useModelTestServer();
const pendingTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('timeouts against the real test server', () => {
  it('raises a retryable timeout and closes the upstream stream when no first token comes in time', async () => {
    const { server } = context;
    const model = wrapLanguageModel(chatModel(server, 'test', { headers: { 'x-test-ttft-ms': '5000' } }), [timeouts({ firstTokenMs: 150 })]);
    const started = performance.now();
    const error = await collect(model.doStream(ask('slow start'))).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'timeout', isRetryable: true, provider: 'test' });
    expect((error as GatewayError).message).toMatch(/firstTokenTimeoutMs/);
    await eventually(() => server.stats.abortedStreams === 1);
  });

  it('ends a stalled stream with a timeout error part once the total time is up', async () => {
    const { server } = context;
    const model = wrapLanguageModel(chatModel(server, 'test', { headers: { 'x-test-fault': 'stall' } }), [timeouts({ firstTokenMs: 1000, totalMs: 300 })]);
    const started = performance.now();
    const parts = await collect(model.doStream(ask('start then stall')));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(parts[0]?.type).toBe('text-delta');
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'timeout' } });
    await eventually(() => server.stats.abortedStreams === 1);
  });

  it('times out a stalled blocking call', async () => {
    const { server } = context;
    const model = wrapLanguageModel(chatModel(server, 'test', { headers: { 'x-test-fault': 'stall' } }), [timeouts({ totalMs: 200 })]);
    const started = performance.now();
    await expect(model.doGenerate(ask('never answered'))).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/totalTimeoutMs/) });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('times out a stalled embedding call', async () => {
    const { server } = context;
    server.script([{ fault: 'stall' }]);
    const model = timeouts({ totalMs: 200 })(embeddingModel(server));
    await expect(model.doEmbed(['stuck'])).rejects.toMatchObject({ code: 'timeout' });
  });

  it('lets a call within its limits through and leaves no timer behind', async () => {
    const { server } = context;
    const model = wrapLanguageModel(chatModel(server), [timeouts({ firstTokenMs: 5000, totalMs: 10_000 })]);
    const before = pendingTimers();
    const parts = await collect(model.doStream(ask('quick')));
    expect(streamedText(parts)).toContain('heard: quick');
    const result = await model.doGenerate(ask('quick'));
    expect(result.finishReason).toBe('stop');
    expect(pendingTimers()).toBe(before);
  });

  it('clears its timers when the consumer stops reading early', async () => {
    const { server } = context;
    const model = wrapLanguageModel(chatModel(server, 'test', { headers: { 'x-test-latency-ms': '400' } }), [timeouts({ totalMs: 10_000 })]);
    const before = pendingTimers();
    for await (const part of model.doStream(ask('just the first words please'))) {
      expect(part.type).toBe('text-delta');
      break;
    }
    // The server's own chunk timer lives in this process too: wait until it saw the disconnect.
    await eventually(() => server.stats.abortedStreams === 1);
    expect(pendingTimers()).toBe(before);
  });

  it('reports the caller aborting as cancelled, not as a timeout', async () => {
    const { server } = context;
    const model = wrapLanguageModel(chatModel(server, 'test', { headers: { 'x-test-fault': 'stall' } }), [timeouts({ totalMs: 5000 })]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(model.doGenerate(ask('stop', { signal: controller.signal }))).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('is retried by an outer retry: each attempt gets its own first-token timer', async () => {
    const { server } = context;
    server.script([{ ttftMs: 5000 }, 'ok']);
    const model = wrapLanguageModel(chatModel(server), [retry({ sleep: recordingSleep() }), timeouts({ firstTokenMs: 150 })]);
    const parts = await collect(model.doStream(ask('second time lucky')));
    expect(streamedText(parts)).toContain('heard: second time lucky');
    expect(server.stats.streamRequests).toBe(2);
  });
});
