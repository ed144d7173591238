import { probeRedis } from '@weft/testkit';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { countPromptTokens } from './count-tokens';
import { createMemoryRateLimitStore } from './create-memory-rate-limit-store';
import { createRedisRateLimitStore } from './create-redis-rate-limit-store';
import { rateLimit } from './rate-limit';
import { useSharedRedisClients } from './test-support/shared-redis-clients';
import { ask, chatModel, collect, embeddingModel, recordingSleep, useModelTestServer } from './test-support/real-model';
import { wrapLanguageModel } from './wrap-language-model';

const context = useModelTestServer();
const redis = await probeRedis();

/** A clock frozen at `secondsIntoWindow` of some minute; the recording sleep moves it forward. */
function fakeTime(secondsIntoWindow: number) {
  const clock = { now: 60_000 * 30_000 + secondsIntoWindow * 1000 };
  const sleep = recordingSleep();
  const advancing = Object.assign(async (ms: number) => {
    await sleep(ms);
    clock.now += ms;
  }, { waits: sleep.waits });
  return { now: () => clock.now, sleep: advancing };
}

describe('rateLimit in process, against the real test server', () => {
  it('waits for the next window when that is within maxWaitMs', async () => {
    const { server } = context;
    const time = fakeTime(55);
    const store = createMemoryRateLimitStore({ now: time.now });
    const model = wrapLanguageModel(chatModel(server), [rateLimit({ key: 'test', rpm: 2, store, maxWaitMs: 10_000, sleep: time.sleep })]);
    for (const content of ['one', 'two', 'three']) await model.doGenerate(ask(content));
    expect(time.sleep.waits).toEqual([5000]);
    expect(server.stats.chatRequests).toBe(3);
  });

  it('fails with a retryable rate_limited error and retryAfterMs when the wait would be too long', async () => {
    const { server } = context;
    const time = fakeTime(10);
    const store = createMemoryRateLimitStore({ now: time.now });
    const model = wrapLanguageModel(chatModel(server), [rateLimit({ key: 'test', rpm: 2, store, maxWaitMs: 5000, sleep: time.sleep })]);
    await model.doGenerate(ask('one'));
    await collect(model.doStream(ask('two')));
    await expect(model.doGenerate(ask('three'))).rejects.toMatchObject({
      code: 'rate_limited',
      isRetryable: true,
      retryAfterMs: 50_000,
      message: expect.stringMatching(/limits\.rpm/),
    });
    expect(time.sleep.waits).toEqual([]);
    expect(server.stats.chatRequests).toBe(2);
  });

  it('refuses a call whose estimated input would overflow the tokens this window already used', async () => {
    const { server } = context;
    const time = fakeTime(0);
    const store = createMemoryRateLimitStore({ now: time.now });
    const call = ask('a fairly long question about rate limits and token budgets');
    const estimate = countPromptTokens(call);
    const model = wrapLanguageModel(chatModel(server), [rateLimit({ key: 'test', tpm: estimate * 2 - 1, store, maxWaitMs: 0 })]);
    await model.doGenerate(call);
    await expect(model.doGenerate(call)).rejects.toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/tpm/) });
    expect(server.stats.chatRequests).toBe(1);
  });

  it('rejects with cancelled when the caller aborts while waiting for the window', async () => {
    const { server } = context;
    const time = fakeTime(50);
    const store = createMemoryRateLimitStore({ now: time.now });
    const model = wrapLanguageModel(chatModel(server), [rateLimit({ key: 'test', rpm: 1, store, maxWaitMs: 60_000 })]);
    await model.doGenerate(ask('one'));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expect(model.doGenerate(ask('two', { signal: controller.signal }))).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.stats.chatRequests).toBe(1);
  });

  it('limits embedding calls too', async () => {
    const { server } = context;
    const time = fakeTime(30);
    const model = rateLimit({ key: 'embed', rpm: 1, store: createMemoryRateLimitStore({ now: time.now }), maxWaitMs: 0 })(embeddingModel(server));
    await model.doEmbed(['a']);
    await expect(model.doEmbed(['b'])).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 30_000 });
    expect(server.stats.embeddingRequests).toBe(1);
  });
});

describe.skipIf(!redis.ok)('rateLimit shared through real Redis', () => {
  const { prefix, clientA, clientB, dead } = useSharedRedisClients('rate-limit');

  it('enforces one rpm budget across two processes (two Redis clients)', async () => {
    const { server } = context;
    const time = fakeTime(20);
    const limitedWith = (client: Redis) =>
      wrapLanguageModel(chatModel(server), [rateLimit({ key: 'shared', rpm: 3, store: createRedisRateLimitStore(client, prefix, { now: time.now }), maxWaitMs: 0 })]);
    const processA = limitedWith(clientA);
    const processB = limitedWith(clientB);
    await processA.doGenerate(ask('1'));
    await processB.doGenerate(ask('2'));
    await collect(processA.doStream(ask('3')));
    await expect(processB.doGenerate(ask('4'))).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 40_000 });
    expect(server.stats.chatRequests).toBe(3);
  });

  it('reconciles the tpm window with the usage the provider reported', async () => {
    const { server } = context;
    const time = fakeTime(0);
    const store = createRedisRateLimitStore(clientA, prefix, { now: time.now });
    const model = wrapLanguageModel(chatModel(server), [rateLimit({ key: 'tokens', tpm: 100_000, store })]);
    const result = await model.doGenerate(ask('count my tokens please'));
    const parts = await collect(model.doStream(ask('and these too')));
    const finish = parts.at(-1);
    if (finish?.type !== 'finish') throw new Error('the stream did not finish');
    const used = result.usage.inputTokens + result.usage.outputTokens + finish.usage.inputTokens + finish.usage.outputTokens;
    expect(used).toBeGreaterThan(0);
    expect(Number(await clientA.hget(`${prefix}tokens:${time.now()}`, 't'))).toBe(used);
    expect(server.stats.chatRequests).toBe(2);
  });

  it('keeps answering with an in-process limit when Redis is down', async () => {
    const { server } = context;
    const time = fakeTime(0);
    const warnings: string[] = [];
    const store = createRedisRateLimitStore(dead, prefix, { now: time.now, logger: { warn: (message) => warnings.push(message) } });
    const model = wrapLanguageModel(chatModel(server), [rateLimit({ key: 'down', rpm: 2, tpm: 100_000, store, maxWaitMs: 0 })]);
    await model.doGenerate(ask('still'));
    await collect(model.doStream(ask('working')));
    await expect(model.doGenerate(ask('but limited'))).rejects.toMatchObject({ code: 'rate_limited' });
    expect(server.stats.chatRequests).toBe(2);
    expect(warnings).toHaveLength(1);
  });
});
