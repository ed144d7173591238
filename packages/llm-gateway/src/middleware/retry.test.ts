import { describe, expect, it } from 'vitest';
import { GatewayError } from '../spec';
import { retry } from './retry';
import { ask, chatModel, collect, embeddingModel, recordingSleep, streamedText, useModelTestServer } from './test-support/real-model';
import { wrapLanguageModel } from './wrap-language-model';

const context = useModelTestServer();

describe('retry against the real test server', () => {
  it('recovers from a 429 and waits at least its Retry-After', async () => {
    const { server } = context;
    server.script([{ fault: 'rate-limit', retryAfterSeconds: 1.5 }, 'ok']);
    const sleep = recordingSleep();
    const model = wrapLanguageModel(chatModel(server), [retry({ sleep, random: () => 0 })]);
    const result = await model.doGenerate(ask('hello'));
    expect(result.text).toContain('heard: hello');
    expect(sleep.waits).toEqual([1500]);
    expect(server.stats.chatRequests).toBe(2);
  });

  it('really waits the Retry-After in real time', async () => {
    const { server } = context;
    server.script([{ fault: 'rate-limit', retryAfterSeconds: 0.3 }, 'ok']);
    const model = wrapLanguageModel(chatModel(server), [retry({ baseDelayMs: 1 })]);
    const started = performance.now();
    await model.doGenerate(ask('hello'));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
  });

  it('recovers from 500s with exponential full-jitter backoff', async () => {
    const { server } = context;
    server.script([{ fault: 'server-error' }, { fault: 'server-error' }, 'ok']);
    const sleep = recordingSleep();
    const model = wrapLanguageModel(chatModel(server), [retry({ sleep, random: () => 0.5, baseDelayMs: 100 })]);
    const result = await model.doGenerate(ask('again'));
    expect(result.finishReason).toBe('stop');
    expect(sleep.waits).toEqual([50, 100]);
    expect(server.stats.chatRequests).toBe(3);
  });

  it('caps the backoff at maxDelayMs', async () => {
    const { server } = context;
    server.script([{ fault: 'server-error' }, { fault: 'server-error' }, { fault: 'server-error' }, 'ok']);
    const sleep = recordingSleep();
    const model = wrapLanguageModel(chatModel(server), [retry({ sleep, random: () => 0.999, baseDelayMs: 100, maxDelayMs: 150, maxRetries: 3 })]);
    await model.doGenerate(ask('capped'));
    expect(sleep.waits.map(Math.round)).toEqual([100, 150, 150]);
  });

  it('gives up after maxRetries with the last error', async () => {
    const { server } = context;
    const model = wrapLanguageModel(chatModel(server, 'test', { headers: { 'x-test-fault': 'server-error' } }), [
      retry({ sleep: recordingSleep(), maxRetries: 2 }),
    ]);
    await expect(model.doGenerate(ask('doomed'))).rejects.toMatchObject({ code: 'provider_unavailable', status: 500 });
    expect(server.stats.chatRequests).toBe(3);
  });

  it.each([
    ['auth', 'auth_failed'],
    ['context-length', 'context_length_exceeded'],
  ] as const)('never retries a non-retryable %s failure', async (fault, code) => {
    const { server } = context;
    const sleep = recordingSleep();
    const model = wrapLanguageModel(chatModel(server, 'test', { headers: { 'x-test-fault': fault } }), [retry({ sleep })]);
    await expect(model.doGenerate(ask('no'))).rejects.toMatchObject({ code, isRetryable: false });
    await expect(collect(model.doStream(ask('no')))).rejects.toMatchObject({ code });
    expect(sleep.waits).toEqual([]);
    expect(server.stats.chatRequests).toBe(2);
  });

  it('retries a stream that failed before its first part', async () => {
    const { server } = context;
    server.script([{ fault: 'rate-limit', retryAfterSeconds: 0 }, { fault: 'server-error' }, 'ok']);
    const sleep = recordingSleep();
    const model = wrapLanguageModel(chatModel(server), [retry({ sleep })]);
    const parts = await collect(model.doStream(ask('stream me')));
    expect(streamedText(parts)).toContain('heard: stream me');
    expect(parts.at(-1)?.type).toBe('finish');
    expect(server.stats.streamRequests).toBe(3);
  });

  it('never retries once a streamed part went out: the error part passes through', async () => {
    const { server } = context;
    const sleep = recordingSleep();
    const model = wrapLanguageModel(chatModel(server, 'test', { headers: { 'x-test-fault': 'reset-mid-stream' } }), [retry({ sleep })]);
    const parts = await collect(model.doStream(ask('cut me off halfway please')));
    expect(parts[0]?.type).toBe('text-delta');
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type === 'error') expect(last.error.isRetryable).toBe(true);
    expect(sleep.waits).toEqual([]);
    expect(server.stats.streamRequests).toBe(1);
  });

  it('gives up at once when Retry-After exceeds maxRetryAfterMs, keeping retryAfterMs for the caller', async () => {
    const { server } = context;
    server.script([{ fault: 'rate-limit', retryAfterSeconds: 120 }]);
    const sleep = recordingSleep();
    const model = wrapLanguageModel(chatModel(server), [retry({ sleep, maxRetryAfterMs: 60_000 })]);
    await expect(model.doGenerate(ask('later'))).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
    expect(sleep.waits).toEqual([]);
    expect(server.stats.chatRequests).toBe(1);
  });

  it('rejects with cancelled as soon as the caller aborts during the backoff wait', async () => {
    const { server } = context;
    server.script([{ fault: 'rate-limit', retryAfterSeconds: 20 }]);
    const model = wrapLanguageModel(chatModel(server), [retry()]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const error = await model.doGenerate(ask('wait', { signal: controller.signal })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.stats.chatRequests).toBe(1);
  });

  it('retries embedding calls too', async () => {
    const { server } = context;
    server.script([{ fault: 'server-error' }, 'ok']);
    const model = retry({ sleep: recordingSleep() })(embeddingModel(server));
    const result = await model.doEmbed(['one', 'two']);
    expect(result.embeddings).toHaveLength(2);
    expect(server.stats.embeddingRequests).toBe(2);
  });
});
