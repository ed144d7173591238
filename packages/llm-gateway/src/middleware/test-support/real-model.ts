import { startModelTestServer, testChatModelId, testEmbeddingModelId } from '@weft/model-test-server';
import type { ModelTestServer } from '@weft/model-test-server';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createOpenAIProvider } from '../../providers/openai/create-openai-provider';
import type { CallOptions, EmbeddingModel, LanguageModel, ProviderConfig, StreamPart } from '../../spec';
import type { Sleep } from '../abortable-wait';

/** The real test model server for one test file, reset before each test. */
export function useModelTestServer(): { readonly server: ModelTestServer } {
  const holder = {} as { server: ModelTestServer };
  beforeAll(async () => {
    holder.server = await startModelTestServer();
  });
  beforeEach(() => {
    holder.server.resetStats();
  });
  afterAll(async () => {
    await holder.server.close();
  });
  return holder;
}

/** A real OpenAI provider model against the test server; `headers` become x-test-* faults on every call. */
export function chatModel(server: ModelTestServer, name = 'test', extra: Partial<ProviderConfig> = {}): LanguageModel {
  return createOpenAIProvider({ name, kind: 'openai', baseURL: server.url, ...extra }).languageModel(testChatModelId);
}

export function embeddingModel(server: ModelTestServer, name = 'test'): EmbeddingModel {
  return createOpenAIProvider({ name, kind: 'openai', baseURL: server.url }).embeddingModel(testEmbeddingModelId);
}

export const ask = (content: string, extra: Partial<CallOptions> = {}): CallOptions => ({ messages: [{ role: 'user', content }], ...extra });

export async function collect(parts: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const all: StreamPart[] = [];
  for await (const part of parts) all.push(part);
  return all;
}

export const streamedText = (parts: StreamPart[]): string =>
  parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');

/** A sleep that returns at once and records what it was asked to wait. */
export function recordingSleep(): Sleep & { waits: number[] } {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return Object.assign(sleep, { waits });
}

/** Resolves once `check` is true (polling), or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
