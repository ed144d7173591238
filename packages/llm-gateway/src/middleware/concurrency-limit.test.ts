import { describe, expect, it } from 'vitest';
import type { LanguageModel } from '../spec';
import { concurrencyLimit } from './concurrency-limit';
import { createConcurrencyLimiter } from './create-concurrency-limiter';
import { ask, chatModel, collect, embeddingModel, useModelTestServer } from './test-support/real-model';
import { wrapLanguageModel } from './wrap-language-model';

const context = useModelTestServer();

/** Counts calls in flight between the limiter and the real model (pass one gauge to several models to sum them). */
function measured(model: LanguageModel, gauge = { now: 0, max: 0 }) {
  const enter = () => {
    gauge.now += 1;
    gauge.max = Math.max(gauge.max, gauge.now);
  };
  const wrapped: LanguageModel = {
    provider: model.provider,
    modelId: model.modelId,
    async doGenerate(call) {
      enter();
      try {
        return await model.doGenerate(call);
      } finally {
        gauge.now -= 1;
      }
    },
    async *doStream(call) {
      enter();
      try {
        yield* model.doStream(call);
      } finally {
        gauge.now -= 1;
      }
    },
  };
  return { wrapped, gauge };
}

const latency = (ms: number) => ({ headers: { 'x-test-latency-ms': String(ms) } });

describe('concurrencyLimit against the real test server', () => {
  it('keeps at most max blocking calls in flight and runs the rest in waves', async () => {
    const { server } = context;
    const { wrapped, gauge } = measured(chatModel(server, 'test', latency(150)));
    const model = wrapLanguageModel(wrapped, [concurrencyLimit(createConcurrencyLimiter(2))]);
    const started = performance.now();
    const finishedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, index) => model.doGenerate(ask(`call ${index}`)).then(() => finishedAt.push(performance.now() - started))),
    );
    expect(gauge.max).toBe(2);
    expect(server.stats.chatRequests).toBe(6);
    finishedAt.sort((a, b) => a - b);
    // Three waves of two: the k-th finisher cannot be done before its wave's end.
    finishedAt.forEach((at, index) => expect(at).toBeGreaterThanOrEqual((Math.floor(index / 2) + 1) * 150 - 10));
  });

  it('holds a stream slot until the stream ends, sharing one limiter between two models of a provider', async () => {
    const { server } = context;
    const limiter = createConcurrencyLimiter(1);
    const first = measured(chatModel(server, 'test', latency(120)));
    const second = measured(chatModel(server, 'test', latency(120)), first.gauge);
    const modelA = wrapLanguageModel(first.wrapped, [concurrencyLimit(limiter)]);
    const modelB = wrapLanguageModel(second.wrapped, [concurrencyLimit(limiter)]);
    const started = performance.now();
    await Promise.all([collect(modelA.doStream(ask('a'))), collect(modelB.doStream(ask('b'))), collect(modelA.doStream(ask('c')))]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
    expect(first.gauge.max).toBe(1);
    expect(server.stats.streamRequests).toBe(3);
    expect(limiter.inFlight).toBe(0);
  });

  it('releases the slot when the consumer stops reading a stream early', async () => {
    const { server } = context;
    const limiter = createConcurrencyLimiter(1);
    const model = wrapLanguageModel(chatModel(server, 'test', latency(300)), [concurrencyLimit(limiter)]);
    for await (const part of model.doStream(ask('only the start'))) {
      expect(limiter.inFlight).toBe(1);
      expect(part.type).toBe('text-delta');
      break;
    }
    expect(limiter.inFlight).toBe(0);
  });

  it('rejects a queued call with cancelled when its caller aborts, without sending it upstream', async () => {
    const { server } = context;
    const limiter = createConcurrencyLimiter(1);
    const model = wrapLanguageModel(chatModel(server, 'test', latency(300)), [concurrencyLimit(limiter)]);
    const running = model.doGenerate(ask('first'));
    const controller = new AbortController();
    const queued = model.doGenerate(ask('second', { signal: controller.signal }));
    expect(limiter.queued).toBe(1);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'cancelled' });
    expect(limiter.queued).toBe(0);
    await running;
    expect(server.stats.chatRequests).toBe(1);
    expect(limiter.inFlight).toBe(0);
  });

  it('limits embedding calls too and releases the slot after a failure', async () => {
    const { server } = context;
    const limiter = createConcurrencyLimiter(1);
    const model = concurrencyLimit(limiter)(embeddingModel(server));
    server.script([{ fault: 'server-error' }]);
    await expect(model.doEmbed(['x'])).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(limiter.inFlight).toBe(0);
    const results = await Promise.all([model.doEmbed(['a']), model.doEmbed(['b'])]);
    expect(results.map((result) => result.embeddings.length)).toEqual([1, 1]);
    expect(limiter.inFlight).toBe(0);
  });
});
