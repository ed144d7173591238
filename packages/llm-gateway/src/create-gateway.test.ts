import { probeRedis } from '@weft/testkit';
import { describe, expect, it } from 'vitest';
import { createGateway } from './create-gateway';
import type { CreateGatewayOptions } from './create-gateway';
import type { UsageReport } from './middleware/usage-accounting';
import { useSharedRedisClients } from './middleware/test-support/shared-redis-clients';
import { ask, collect, eventually, recordingSleep, useModelTestServer } from './middleware/test-support/real-model';
import type { ProviderConfig, ProviderLimits } from './spec';

const context = useModelTestServer();
const redis = await probeRedis();

const provider = (limits: ProviderLimits, extra: Partial<ProviderConfig> = {}): ProviderConfig => ({
  name: 'test',
  kind: 'openai',
  baseURL: context.server.url,
  limits,
  ...extra,
});
const gatewayWith = (limits: ProviderLimits, extra: Partial<CreateGatewayOptions> = {}) =>
  createGateway({ providers: [provider(limits)], sleep: recordingSleep(), ...extra });
const headers = (values: Record<string, string>) => ({ headers: values });

describe('createGateway against the real test server', () => {
  it('retries as limits.maxRetries says (default 2)', async () => {
    const { server } = context;
    server.script([{ fault: 'server-error' }, { fault: 'server-error' }, 'ok']);
    expect((await gatewayWith({}).languageModel('test:weft-test-model').doGenerate(ask('hi'))).finishReason).toBe('stop');
    expect(server.stats.chatRequests).toBe(3);

    server.script([{ fault: 'server-error' }]);
    await expect(gatewayWith({ maxRetries: 0 }).languageModel('test:weft-test-model').doGenerate(ask('hi'))).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(server.stats.chatRequests).toBe(4);
  });

  it('applies the first-token timeout per attempt', async () => {
    const { server } = context;
    const model = gatewayWith({ firstTokenTimeoutMs: 150, maxRetries: 1 }).languageModel('test:weft-test-model');
    await expect(collect(model.doStream(ask('slow', headers({ 'x-test-ttft-ms': '3000' }))))).rejects.toMatchObject({ code: 'timeout' });
    expect(server.stats.streamRequests).toBe(2);
    await eventually(() => server.stats.abortedStreams === 2);
  });

  it('limits concurrency per provider, across its models', async () => {
    const gateway = gatewayWith({ maxConcurrency: 1 });
    const slow = headers({ 'x-test-latency-ms': '150' });
    const started = performance.now();
    await Promise.all([
      gateway.languageModel('test:weft-test-model').doGenerate(ask('a', slow)),
      gateway.languageModel('test:other-model').doGenerate(ask('b', slow)),
    ]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('reports usage with the provider pricing, and creates each wrapped model once', async () => {
    const reports: UsageReport[] = [];
    const gateway = createGateway({
      providers: [provider({}, { pricing: { 'weft-test-model': { inputPerMTok: 2, outputPerMTok: 4 } } })],
      onUsage: (report) => void reports.push(report),
    });
    const model = gateway.languageModel('test:weft-test-model');
    expect(gateway.languageModel('test:weft-test-model')).toBe(model);
    const result = await model.doGenerate(ask('price me'));
    const { inputTokens, outputTokens } = result.usage;
    expect(reports).toEqual([
      { provider: 'test', modelId: 'weft-test-model', operation: 'generate', inputTokens, outputTokens, counted: false, costUsd: (inputTokens * 2 + outputTokens * 4) / 1e6 },
    ]);
  });

  it('batches concurrent embedding calls into one upstream request, reporting its usage once', async () => {
    const { server } = context;
    const reports: UsageReport[] = [];
    const gateway = createGateway({ providers: [provider({ maxConcurrency: 1, rpm: 100 })], onUsage: (report) => void reports.push(report) });
    const model = gateway.embeddingModel('test:weft-test-embedding');
    expect(gateway.embeddingModel('test:weft-test-embedding')).toBe(model);
    const results = await Promise.all([model.doEmbed(['alpha']), model.doEmbed(['beta', 'gamma'])]);
    expect(results.map((result) => result.embeddings.length)).toEqual([1, 2]);
    expect(model.dimensions).toBe(64);
    expect(server.stats.embeddingRequests).toBe(1);
    expect(reports).toEqual([expect.objectContaining({ operation: 'embed', inputTokens: 3, counted: false })]);
  });

  it('rate limits in process when no Redis is given', async () => {
    const { server } = context;
    const clock = { now: () => 60_000 * 40_000 + 20_000 };
    const model = gatewayWith({ rpm: 1, maxRetries: 0 }, { clock }).languageModel('test:weft-test-model');
    await model.doGenerate(ask('one'));
    await expect(model.doGenerate(ask('two'))).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 40_000 });
    expect(server.stats.chatRequests).toBe(1);
  });

  it('throws the registry\'s typed error for an unknown provider', () => {
    expect(() => gatewayWith({}).languageModel('nope:model')).toThrow(expect.objectContaining({ code: 'unknown_provider' }));
  });
});

describe.skipIf(!redis.ok)('createGateway with real Redis', () => {
  const { prefix, clientA, clientB, dead } = useSharedRedisClients('gateway');
  const clock = { now: () => 60_000 * 40_000 + 20_000 };

  it('shares the provider rpm between two gateways (two processes) through Redis', async () => {
    const { server } = context;
    const limits = { rpm: 2, maxRetries: 1 };
    const first = gatewayWith(limits, { redis: clientA, redisPrefix: prefix, clock }).languageModel('test:weft-test-model');
    const second = gatewayWith(limits, { redis: clientB, redisPrefix: prefix, clock }).languageModel('test:weft-test-model');
    await first.doGenerate(ask('one'));
    await collect(second.doStream(ask('two')));
    // 40 s to the next window is more than the retry middleware waits for (30 s), so the error surfaces.
    await expect(second.doGenerate(ask('three'))).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 40_000 });
    expect(server.stats.chatRequests).toBe(2);
    expect(await clientA.hget(`${prefix}test:${60_000 * 40_000}`, 'r')).toBe('2');
  });

  it('keeps working with per-process limits when Redis is down', async () => {
    const warnings: string[] = [];
    const gateway = gatewayWith({ rpm: 5 }, { redis: dead, redisPrefix: prefix, clock, logger: { warn: (message) => warnings.push(message) } });
    const result = await gateway.languageModel('test:weft-test-model').doGenerate(ask('redis is down'));
    expect(result.text).toContain('heard: redis is down');
    expect(warnings).toEqual([expect.stringMatching(/Redis rate limit store failed/)]);
  });
});
