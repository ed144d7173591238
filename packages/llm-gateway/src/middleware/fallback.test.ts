import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../spec';
import { answeredBy } from './answered-by';
import { fallback } from './fallback';
import { ask, chatModel, collect, streamedText, useModelTestServer } from './test-support/real-model';
import { wrapLanguageModel } from './wrap-language-model';

const context = useModelTestServer();

describe('fallback against the real test server', () => {
  it('answers from the second provider when the first fails with a 500, and says who answered', async () => {
    const { server } = context;
    const primary = chatModel(server, 'primary', { headers: { 'x-test-fault': 'server-error' } });
    const backup = chatModel(server, 'backup');
    const switches: string[] = [];
    const model = wrapLanguageModel(primary, [fallback([backup], { onFallback: ({ from, to }) => switches.push(`${from.provider}->${to.provider}`) })]);

    const result = await model.doGenerate(ask('hello'));
    expect(result.text).toContain('heard: hello');
    expect(answeredBy(result)).toEqual({ provider: 'backup', modelId: 'weft-test-model' });
    expect(switches).toEqual(['primary->backup']);
    expect(server.stats.chatRequests).toBe(2);
    // The wrapper keeps the primary's identity: it is still "the" model callers asked for.
    expect(model.provider).toBe('primary');
  });

  it('falls back for a stream that failed before its first part, marking the finish part', async () => {
    const { server } = context;
    const primary = chatModel(server, 'primary', { headers: { 'x-test-fault': 'rate-limit', 'x-test-retry-after': '0' } });
    const model = wrapLanguageModel(primary, [fallback([chatModel(server, 'backup')])]);
    const parts = await collect(model.doStream(ask('stream')));
    expect(streamedText(parts)).toContain('heard: stream');
    const finish = parts.at(-1);
    expect(finish?.type).toBe('finish');
    expect(finish && answeredBy(finish)).toEqual({ provider: 'backup', modelId: 'weft-test-model' });
  });

  it('keeps the first model when it answers', async () => {
    const { server } = context;
    const model = wrapLanguageModel(chatModel(server, 'primary'), [fallback([chatModel(server, 'backup')])]);
    const result = await model.doGenerate(ask('fine'));
    expect(answeredBy(result)?.provider).toBe('primary');
    expect(server.stats.chatRequests).toBe(1);
  });

  it('does not fall back on a non-retryable failure', async () => {
    const { server } = context;
    const primary = chatModel(server, 'primary', { headers: { 'x-test-fault': 'auth' } });
    const model = wrapLanguageModel(primary, [fallback([chatModel(server, 'backup')])]);
    await expect(model.doGenerate(ask('no key'))).rejects.toMatchObject({ code: 'auth_failed', provider: 'primary' });
    expect(server.stats.chatRequests).toBe(1);
  });

  it('propagates the last error when every model fails', async () => {
    const { server } = context;
    const failing = (name: string) => chatModel(server, name, { headers: { 'x-test-fault': 'server-error' } });
    const model = wrapLanguageModel(failing('a'), [fallback([failing('b'), failing('c')])]);
    const error = (await model.doGenerate(ask('all down')).catch((caught: unknown) => caught)) as GatewayError;
    expect(error).toMatchObject({ code: 'provider_unavailable', provider: 'c' });
    const streamError = (await collect(model.doStream(ask('all down'))).catch((caught: unknown) => caught)) as GatewayError;
    expect(streamError).toMatchObject({ code: 'provider_unavailable', provider: 'c' });
    expect(server.stats.chatRequests).toBe(6);
  });

  it('never switches models after a streamed part went out', async () => {
    const { server } = context;
    const primary = chatModel(server, 'primary', { headers: { 'x-test-fault': 'reset-mid-stream' } });
    const model = wrapLanguageModel(primary, [fallback([chatModel(server, 'backup')])]);
    const parts = await collect(model.doStream(ask('half an answer is all you get')));
    expect(parts[0]?.type).toBe('text-delta');
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { provider: 'primary' } });
    expect(server.stats.streamRequests).toBe(1);
  });
});
