import { describe, expect, it } from 'vitest';
import type { LanguageModel } from '../spec';
import { concurrencyLimit } from './concurrency-limit';
import { createConcurrencyLimiter } from './create-concurrency-limiter';
import { ask, chatModel, embeddingModel, useModelTestServer } from './test-support/real-model';
import { wrapLanguageModel } from './wrap-language-model';
import type { LanguageModelMiddleware } from './wrap-language-model';

const context = useModelTestServer();

describe('wrapLanguageModel', () => {
  it('makes the first middleware the outermost', async () => {
    const trace: string[] = [];
    const tracing = (name: string): LanguageModelMiddleware => (model): LanguageModel => ({
      ...model,
      doGenerate: async (call) => {
        trace.push(`${name} in`);
        const result = await model.doGenerate(call);
        trace.push(`${name} out`);
        return result;
      },
    });
    const model = wrapLanguageModel(chatModel(context.server), [tracing('outer'), tracing('inner')]);
    expect((await model.doGenerate(ask('order'))).text).toContain('heard: order');
    expect(trace).toEqual(['outer in', 'inner in', 'inner out', 'outer out']);
  });

  it('keeps an embedding model\'s dimensions live through a wrapper (learned from the first response)', async () => {
    const model = concurrencyLimit(createConcurrencyLimiter(1))(embeddingModel(context.server));
    expect(model.dimensions).toBe(0);
    const result = await model.doEmbed(['learn my size']);
    expect(result.embeddings[0]).toHaveLength(64);
    expect(model.dimensions).toBe(64);
  });
});
