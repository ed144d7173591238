import { startModelTestServer } from '@weft/model-test-server';
import type { ModelTestServer } from '@weft/model-test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayError, ProviderConfig } from './spec';
import { createModelRegistry } from './registry';

let server: ModelTestServer;
let providers: ProviderConfig[];
beforeAll(async () => {
  server = await startModelTestServer({ embeddingDimensions: 16 });
  providers = [
    { name: 'openai', kind: 'openai', baseURL: server.url, apiKey: 'sk-test' },
    { name: 'ollama', kind: 'openai', baseURL: server.url },
  ];
});
afterAll(async () => {
  await server.close();
});

function thrown(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error('expected the call to throw');
}

describe('createModelRegistry', () => {
  it('lists the configured providers plus the implicit local one', () => {
    expect(createModelRegistry({ providers }).providers()).toEqual(['openai', 'ollama', 'local']);
    expect(createModelRegistry({ providers: [{ name: 'local', kind: 'local' }] }).providers()).toEqual(['local']);
  });

  it('splits ids on the first colon, so model ids may contain colons', async () => {
    const model = createModelRegistry({ providers }).languageModel('ollama:llama3:8b');
    expect([model.provider, model.modelId]).toEqual(['ollama', 'llama3:8b']);
    await model.doGenerate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(server.requests.at(-1)?.body).toMatchObject({ model: 'llama3:8b' });
  });

  it('creates each model once and reuses it', () => {
    const registry = createModelRegistry({ providers });
    expect(registry.languageModel('openai:gpt-4o-mini')).toBe(registry.languageModel('openai:gpt-4o-mini'));
    expect(registry.languageModel('openai:gpt-4o-mini')).not.toBe(registry.languageModel('openai:gpt-4o'));
    expect(registry.embeddingModel('openai:weft-test-embedding')).toBe(registry.embeddingModel('openai:weft-test-embedding'));
    expect(registry.defaultEmbeddingModel()).toBe(registry.embeddingModel('local:use-lite'));
  });

  it('names the expected form and the configured providers for a malformed id', () => {
    const registry = createModelRegistry({ providers });
    for (const id of ['gpt4', ':gpt4', 'openai:']) {
      const error = thrown(() => registry.languageModel(id));
      expect(error).toMatchObject({ code: 'unknown_model', message: `Unknown model "${id}": expected "provider:model"; configured: openai, ollama, local` });
    }
  });

  it('reports an unknown provider with the configured ones', () => {
    const error = thrown(() => createModelRegistry({ providers }).embeddingModel('foo:bar'));
    expect(error).toMatchObject({ code: 'unknown_provider', provider: 'foo', message: 'Unknown provider "foo" in "foo:bar"; configured: openai, ollama, local' });
  });

  it('explains that the local provider has no chat model', () => {
    const error = thrown(() => createModelRegistry({ providers }).languageModel('local:use-lite'));
    expect(error.code).toBe('unknown_model');
    expect(error.message).toContain('kind "openai"');
  });

  it('rejects invalid and duplicate provider configs with invalid_config', () => {
    const invalid = thrown(() => createModelRegistry({ providers: [{ name: 'Open AI', kind: 'openai', baseURL: 'not a url' }] }));
    expect(invalid.code).toBe('invalid_config');
    expect(invalid.message).toMatch(/Provider config #1 \("Open AI"\) is invalid: name: .*; baseURL: /);
    const duplicate = thrown(() => createModelRegistry({ providers: [...providers, { name: 'openai', kind: 'openai' }] }));
    expect(duplicate).toMatchObject({ code: 'invalid_config', provider: 'openai' });
    expect(duplicate.message).toContain('"openai" is used twice');
  });

  it('defaults embeddings to local:use-lite, or to the configured id, and checks that id up front', async () => {
    const local = createModelRegistry({ providers }).defaultEmbeddingModel();
    expect([local.provider, local.modelId, local.dimensions]).toEqual(['local', 'use-lite', 512]);
    const configured = createModelRegistry({ providers, defaultEmbeddingModelId: 'openai:weft-test-embedding' }).defaultEmbeddingModel();
    expect((await configured.doEmbed(['a text'])).embeddings[0]).toHaveLength(16);
    const wrong = thrown(() => createModelRegistry({ providers, defaultEmbeddingModelId: 'nope:model' }));
    expect(wrong.code).toBe('invalid_config');
    expect(wrong.message).toContain('Unknown provider "nope"');
  });

  it('calls the test server end to end: a streamed chat and an embedding', async () => {
    const registry = createModelRegistry({ providers });
    const parts = [];
    for await (const part of registry.languageModel('openai:weft-test-model').doStream({ messages: [{ role: 'user', content: 'through the registry' }] })) {
      parts.push(part);
    }
    expect(parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('')).toBe(
      'weft test model (not a real LLM) heard: through the registry',
    );
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer sk-test');
    const embedded = await registry.embeddingModel('ollama:weft-test-embedding').doEmbed(['one', 'two']);
    expect(embedded.embeddings.map((vector) => vector.length)).toEqual([16, 16]);
  });
});
