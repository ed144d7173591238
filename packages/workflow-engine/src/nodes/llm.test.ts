import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createModelRegistry } from '@weft/llm-gateway';
import { isGatewayError, type ChatMessage } from '@weft/llm-gateway/spec';
import { replyPrefix, startModelTestServer, type ModelTestServer } from '@weft/model-test-server';
import { EngineError } from '../spec/errors';
import type { ModelProvider } from '../spec/node';
import { llmNode } from './llm';
import { configIssuePaths, createTestNodeContext, runNode } from './test-support/node-context';

let server: ModelTestServer;
let models: ModelProvider;

beforeAll(async () => {
  server = await startModelTestServer();
  models = createModelRegistry({ providers: [{ name: 'test', kind: 'openai', baseURL: server.url, apiKey: 'test', limits: { maxRetries: 0 } }] });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.resetStats());

const data = {
  model: { id: 'test:any-model', completionParams: { temperature: 0.2 } },
  promptTemplate: [
    { role: 'system', text: 'You answer about {{#start.topic#}}.' },
    { role: 'user', text: 'Tell me about {{#start.topic#}}' },
  ],
};

type RecordedBody = { messages: { role: string; content: string }[]; stream?: boolean; temperature?: number; max_tokens?: number; max_completion_tokens?: number; stop?: string[]; response_format?: { type: string } };
const lastBody = () => server.requests.at(-1)?.body as RecordedBody;

async function callLlm(config: unknown, inputs: Record<string, unknown>, signal?: AbortSignal) {
  const context = createTestNodeContext({ models, signal });
  const result = await runNode(llmNode, config, inputs, context);
  return { result, chunks: context.chunks };
}

describe('llm node config', () => {
  it('declares its outputs and references templates, context and memory', () => {
    const config = llmNode.config.parse({
      ...data,
      promptTemplate: [...data.promptTemplate, { role: 'user', text: '{{#context#}} {{#sys.query#}} {{#start.topic#}}' }],
      memory: { enabled: true, windowSize: 4 },
      context: { enabled: true, variableSelector: ['retrieval', 'result'] },
    });
    expect(llmNode.streams).toBe(true);
    expect(llmNode.outputs(config)).toEqual([
      { name: 'text', type: 'string' },
      { name: 'usage', type: 'object' },
      { name: 'finish_reason', type: 'string' },
    ]);
    expect(llmNode.references(config)).toEqual([
      ['start', 'topic'],
      ['sys', 'query'],
      ['retrieval', 'result'],
      ['sys', 'history'],
    ]);
    const plain = llmNode.config.parse({ ...data, memory: { enabled: false, windowSize: 4 }, context: { enabled: false, variableSelector: ['r', 'result'] } });
    expect(llmNode.references(plain)).toEqual([['start', 'topic']]);
  });

  it('reports bad configs at their path', () => {
    expect(configIssuePaths(llmNode, { ...data, model: { id: 'gpt-4o' } })).toEqual([['model', 'id']]);
    expect(configIssuePaths(llmNode, { ...data, model: { id: 'test:m', completionParams: { temperature: 3 } } })).toEqual([['model', 'completionParams', 'temperature']]);
    expect(configIssuePaths(llmNode, { ...data, promptTemplate: [] })).toEqual([['promptTemplate']]);
    expect(configIssuePaths(llmNode, { ...data, promptTemplate: [{ role: 'tool', text: 'x' }] })).toEqual([['promptTemplate', 0, 'role']]);
    expect(configIssuePaths(llmNode, { ...data, context: { enabled: true } })).toEqual([['context', 'variableSelector']]);
    expect(configIssuePaths(llmNode, { ...data, memory: { enabled: true, windowSize: 0 } })).toEqual([['memory', 'windowSize']]);
  });
});

describe('llm node run (real HTTP to the model test server)', () => {
  it('streams the answer chunk by chunk and returns text, usage and finish reason', async () => {
    const { result, chunks } = await callLlm(data, { 'start.topic': 'weft' });
    const expected = `${replyPrefix}Tell me about weft`;
    expect(result.outputs.text).toBe(expected);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(expected);
    expect(result.outputs.finish_reason).toBe('stop');
    expect(result.outputs.usage).toEqual({ inputTokens: 10, outputTokens: expected.split(' ').length });
    expect(result.usage).toEqual(result.outputs.usage);
    expect(result.metadata).toEqual({ model: 'test:any-model' });
    const body = lastBody();
    expect(body.stream).toBe(true);
    expect(body.temperature).toBe(0.2);
    expect(body.messages).toEqual([
      { role: 'system', content: 'You answer about weft.' },
      { role: 'user', content: 'Tell me about weft' },
    ]);
  });

  it('puts retrieval hits into {{#context#}}, joined by blank lines', async () => {
    const config = {
      ...data,
      promptTemplate: [{ role: 'user', text: 'Use this:\n{{#context#}}\nQuestion: {{#sys.query#}}' }],
      context: { enabled: true, variableSelector: ['retrieval', 'result'] },
    };
    const hits = [{ content: 'Refunds take 14 days.', score: 0.9 }, { content: 'Shipping takes 2 days.', score: 0.5 }];
    const { result } = await callLlm(config, { 'retrieval.result': hits, 'sys.query': 'refund time?' });
    const prompt = 'Use this:\nRefunds take 14 days.\n\nShipping takes 2 days.\nQuestion: refund time?';
    expect(lastBody().messages).toEqual([{ role: 'user', content: prompt }]);
    expect(result.outputs.text).toBe(`${replyPrefix}${prompt}`);
  });

  it('places the last windowSize history messages between system and user prompts', async () => {
    const history: ChatMessage[] = [
      { role: 'user', content: 'turn 1' },
      { role: 'assistant', content: 'reply 1' },
      { role: 'user', content: 'turn 2' },
      { role: 'assistant', content: 'reply 2' },
    ];
    await callLlm({ ...data, memory: { enabled: true, windowSize: 2 } }, { 'start.topic': 'memory', 'sys.history': history });
    expect(lastBody().messages.map((message) => message.content)).toEqual(['You answer about memory.', 'turn 2', 'reply 2', 'Tell me about memory']);
  });

  it('passes maxTokens, stop and JSON response format through', async () => {
    const short = await callLlm({ ...data, model: { id: 'test:any-model', completionParams: { maxTokens: 3 } } }, { 'start.topic': 'x' });
    expect(short.result.outputs.finish_reason).toBe('length');
    expect(short.result.outputs.text).toBe(replyPrefix.split(' ').slice(0, 3).join(' '));
    const stopped = await callLlm({ ...data, model: { id: 'test:any-model', completionParams: { stop: ['(not'] } } }, { 'start.topic': 'x' });
    expect(stopped.result.outputs.text).toBe('weft test model ');
    const json = await callLlm({ ...data, responseFormat: 'json' }, { 'start.topic': 'json' });
    expect(JSON.parse(json.result.outputs.text as string)).toEqual({ reply: `${replyPrefix}Tell me about json`, model: 'weft-test-model' });
  });

  it('throws the gateway error when the provider fails, before or during the stream', async () => {
    server.script([{ fault: 'server-error' }]);
    const before = await callLlm(data, { 'start.topic': 'x' }).catch((error: unknown) => error);
    expect(isGatewayError(before)).toBe(true);
    server.script([{ fault: 'reset-mid-stream', chunks: 6 }]);
    const during = await callLlm(data, { 'start.topic': 'x' }).catch((error: unknown) => error);
    expect(isGatewayError(during)).toBe(true);
  });

  it('stops when the run is cancelled mid-stream', async () => {
    server.script([{ ttftMs: 50, latencyMs: 5_000, chunks: 8 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const failure = await callLlm(data, { 'start.topic': 'x' }, controller.signal).catch((error: unknown) => error);
    expect(isGatewayError(failure) && failure.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect.poll(() => server.stats.abortedStreams).toBe(1);
  });

  it('fails with model_unavailable without a model provider or for an unknown provider', async () => {
    const noModels = await runNode(llmNode, data, { 'start.topic': 'x' }).catch((error: unknown) => error);
    expect(noModels).toBeInstanceOf(EngineError);
    expect((noModels as EngineError).code).toBe('model_unavailable');
    expect((noModels as EngineError).message).toContain('no model provider is configured');
    const unknown = await callLlm({ ...data, model: { id: 'nowhere:gpt' } }, {}).catch((error: unknown) => error);
    expect((unknown as EngineError).code).toBe('model_unavailable');
    expect((unknown as EngineError).message).toContain('nowhere');
  });

  it('fails with node_failed when every prompt renders empty', async () => {
    const failure = await callLlm({ ...data, promptTemplate: [{ role: 'user', text: '{{#start.topic#}}' }] }, { 'start.topic': '' }).catch((error: unknown) => error);
    expect((failure as EngineError).code).toBe('node_failed');
    expect(server.stats.chatRequests).toBe(0);
  });
});
