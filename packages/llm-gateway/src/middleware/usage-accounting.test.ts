import { describe, expect, it } from 'vitest';
import type { EmbeddingModel, LanguageModel } from '../spec';
import { countEmbeddingTokens, countPromptTokens, countTextTokens } from './count-tokens';
import { fallback } from './fallback';
import { ask, chatModel, collect, embeddingModel, streamedText, useModelTestServer } from './test-support/real-model';
import { usageAccounting } from './usage-accounting';
import type { UsageReport } from './usage-accounting';
import { wrapLanguageModel } from './wrap-language-model';

const context = useModelTestServer();
const pricing = { 'weft-test-model': { inputPerMTok: 1.5, outputPerMTok: 6 } };

// The test server always reports usage (and the provider always asks for it in streams), so providers
// that report none are played by the real model with its usage zeroed on the way out.
function withoutUsage(model: LanguageModel): LanguageModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    doGenerate: async (call) => ({ ...(await model.doGenerate(call)), usage: { inputTokens: 0, outputTokens: 0 } }),
    async *doStream(call) {
      for await (const part of model.doStream(call)) yield part.type === 'finish' ? { ...part, usage: { inputTokens: 0, outputTokens: 0 } } : part;
    },
  };
}

function embeddingWithoutUsage(model: EmbeddingModel): EmbeddingModel {
  return { ...model, doEmbed: async (texts, call) => ({ embeddings: (await model.doEmbed(texts, call)).embeddings }) };
}

function recorder() {
  const reports: UsageReport[] = [];
  return { reports, onUsage: (report: UsageReport) => void reports.push(report) };
}

describe('usageAccounting against the real test server', () => {
  it('reports provider usage and cost of a blocking call', async () => {
    const { server } = context;
    const { reports, onUsage } = recorder();
    const model = wrapLanguageModel(chatModel(server), [usageAccounting({ onUsage, pricing })]);
    const result = await model.doGenerate(ask('what does this cost'));
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    const { inputTokens, outputTokens } = result.usage;
    expect(reports).toEqual([
      { provider: 'test', modelId: 'weft-test-model', operation: 'generate', inputTokens, outputTokens, counted: false, costUsd: (inputTokens * 1.5 + outputTokens * 6) / 1e6 },
    ]);
  });

  it('reports provider usage of a stream from its finish part, before the consumer reads past it', async () => {
    const { server } = context;
    const { reports, onUsage } = recorder();
    const model = wrapLanguageModel(chatModel(server), [usageAccounting({ onUsage })]);
    for await (const part of model.doStream(ask('stream it'))) {
      if (part.type !== 'finish') continue;
      expect(reports).toEqual([{ provider: 'test', modelId: 'weft-test-model', operation: 'stream', ...part.usage, counted: false }]);
      break;
    }
    expect(reports).toHaveLength(1);
  });

  it('counts tokens with gpt-tokenizer when the provider reports none, and puts them in the result', async () => {
    const { server } = context;
    const { reports, onUsage } = recorder();
    const model = wrapLanguageModel(withoutUsage(chatModel(server)), [usageAccounting({ onUsage, pricing })]);
    const call = ask('count these words for me');
    const result = await model.doGenerate(call);
    const parts = await collect(model.doStream(call));
    const expected = { inputTokens: countPromptTokens(call), outputTokens: countTextTokens(result.text) };
    expect(expected.outputTokens).toBeGreaterThan(0);
    expect(result.usage).toEqual(expected);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', usage: { inputTokens: expected.inputTokens, outputTokens: countTextTokens(streamedText(parts)) } });
    expect(reports.map((report) => [report.operation, report.counted, report.inputTokens, report.outputTokens])).toEqual([
      ['generate', true, expected.inputTokens, expected.outputTokens],
      ['stream', true, expected.inputTokens, countTextTokens(streamedText(parts))],
    ]);
    expect(reports[0]?.costUsd).toBeCloseTo((expected.inputTokens * 1.5 + expected.outputTokens * 6) / 1e6, 12);
  });

  it('reports what a stream produced before it broke, and nothing for a call that failed before any output', async () => {
    const { server } = context;
    const { reports, onUsage } = recorder();
    const model = wrapLanguageModel(chatModel(server, 'test', { headers: { 'x-test-fault': 'reset-mid-stream' } }), [usageAccounting({ onUsage })]);
    const call = ask('this answer will be cut in the middle');
    const parts = await collect(model.doStream(call));
    expect(parts.at(-1)?.type).toBe('error');
    const produced = streamedText(parts);
    expect(produced.length).toBeGreaterThan(0);
    expect(reports).toEqual([
      { provider: 'test', modelId: 'weft-test-model', operation: 'stream', inputTokens: countPromptTokens(call), outputTokens: countTextTokens(produced), counted: true },
    ]);

    server.script([{ fault: 'server-error' }, { fault: 'server-error' }]);
    const healthy = wrapLanguageModel(chatModel(server), [usageAccounting({ onUsage })]);
    await expect(healthy.doGenerate(call)).rejects.toMatchObject({ code: 'provider_unavailable' });
    await expect(collect(healthy.doStream(call))).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(reports).toHaveLength(1);
  });

  it('reports an abandoned stream with the output read so far', async () => {
    const { server } = context;
    const { reports, onUsage } = recorder();
    const model = wrapLanguageModel(chatModel(server, 'test', { headers: { 'x-test-latency-ms': '300' } }), [usageAccounting({ onUsage })]);
    let first = '';
    for await (const part of model.doStream(ask('i will stop listening soon'))) {
      if (part.type === 'text-delta') first = part.text;
      break;
    }
    expect(reports).toEqual([expect.objectContaining({ operation: 'stream', outputTokens: countTextTokens(first), counted: true })]);
  });

  it('attributes usage to the model that answered after a fallback', async () => {
    const { server } = context;
    const { reports, onUsage } = recorder();
    const primary = chatModel(server, 'primary', { headers: { 'x-test-fault': 'server-error' } });
    const model = wrapLanguageModel(primary, [usageAccounting({ onUsage }), fallback([chatModel(server, 'backup')])]);
    await model.doGenerate(ask('who answered'));
    await collect(model.doStream(ask('who answered')));
    expect(reports.map((report) => report.provider)).toEqual(['backup', 'backup']);
  });

  it('never fails a call because onUsage threw, and logs the lost report', async () => {
    const { server } = context;
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message) };
    const throwing = wrapLanguageModel(chatModel(server), [usageAccounting({ onUsage: () => { throw new Error('db down'); }, logger })]);
    const rejecting = wrapLanguageModel(chatModel(server), [usageAccounting({ onUsage: () => Promise.reject(new Error('db down')), logger })]);
    expect((await throwing.doGenerate(ask('fine'))).finishReason).toBe('stop');
    expect((await rejecting.doGenerate(ask('fine'))).finishReason).toBe('stop');
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([expect.stringMatching(/onUsage failed/), expect.stringMatching(/onUsage failed/)]);
  });

  it('reports embedding usage, counting it when the provider reports none', async () => {
    const { server } = context;
    const { reports, onUsage } = recorder();
    const texts = ['first text to embed', 'second'];
    const reported = await usageAccounting({ onUsage })(embeddingModel(server)).doEmbed(texts);
    const counted = await usageAccounting({ onUsage })(embeddingWithoutUsage(embeddingModel(server))).doEmbed(texts);
    expect(reports).toEqual([
      { provider: 'test', modelId: 'weft-test-embedding', operation: 'embed', inputTokens: reported.usage?.inputTokens, outputTokens: 0, counted: false },
      { provider: 'test', modelId: 'weft-test-embedding', operation: 'embed', inputTokens: countEmbeddingTokens(texts), outputTokens: 0, counted: true },
    ]);
    expect(counted.usage).toEqual({ inputTokens: countEmbeddingTokens(texts) });
  });
});
