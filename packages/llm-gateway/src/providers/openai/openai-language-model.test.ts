import { startModelTestServer } from '@weft/model-test-server';
import type { ModelTestServer } from '@weft/model-test-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallOptions, LanguageModel, StreamPart } from '../../spec';
import { createOpenAIProvider } from './create-openai-provider';

let server: ModelTestServer;
let model: LanguageModel;
beforeAll(async () => {
  server = await startModelTestServer();
  model = createOpenAIProvider({ name: 'test', kind: 'openai', baseURL: server.url, headers: { 'x-team': 'weft' } }).languageModel('weft-test-model');
});
beforeEach(() => server.resetStats());
afterAll(async () => {
  await server.close();
});

const ask = (content: string, extra: Partial<CallOptions> = {}): CallOptions => ({ messages: [{ role: 'user', content }], ...extra });
const tools = [{ name: 'search', description: 'search the web', parameters: { type: 'object', properties: { query: { type: 'string' } } } }];
const collect = async (parts: AsyncIterable<StreamPart>) => {
  const all: StreamPart[] = [];
  for await (const part of parts) all.push(part);
  return all;
};
const lastBody = () => server.requests.at(-1)?.body as Record<string, any>;

describe('OpenAI language model: doGenerate', () => {
  it('returns the text, finish reason and usage through the real SDK', async () => {
    const result = await model.doGenerate(ask('hello there'));
    expect(model.provider).toBe('test');
    expect(result).toEqual({
      text: 'weft test model (not a real LLM) heard: hello there',
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 10 },
    });
  });

  it('sends messages, sampling options, stop, max_tokens, json format and headers upstream', async () => {
    const result = await model.doGenerate({
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'search', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'call_1', content: 'found it' },
        { role: 'user', content: 'json please' },
      ],
      temperature: 0.2,
      topP: 0.9,
      maxTokens: 50,
      stop: ['END'],
      responseFormat: { type: 'json' },
      headers: { 'x-call': 'one' },
    });
    expect(JSON.parse(result.text)).toMatchObject({ reply: 'weft test model (not a real LLM) heard: json please' });
    expect(lastBody()).toMatchObject({
      model: 'weft-test-model',
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 50,
      stop: ['END'],
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'search', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'found it' },
        { role: 'user', content: 'json please' },
      ],
    });
    const headers = server.requests.at(-1)?.headers;
    expect(headers?.['x-call']).toBe('one');
    expect(headers?.['x-team']).toBe('weft');
    expect(headers?.authorization).toBe('Bearer no-api-key-configured');
  });

  it('maps a json schema to response_format json_schema and maxTokens cut-offs to finish reason length', async () => {
    await model.doGenerate(ask('x', { responseFormat: { type: 'json', schema: { type: 'object' } } }));
    expect(lastBody().response_format).toEqual({ type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' }, strict: false } });
    const cut = await model.doGenerate(ask('a long question', { maxTokens: 2 }));
    expect(cut).toMatchObject({ text: 'weft test', finishReason: 'length' });
  });

  it('returns tool calls for a forced tool and for the "use tool" phrase', async () => {
    const forced = await model.doGenerate(ask('find cats', { tools, toolChoice: { name: 'search' } }));
    expect(lastBody().tool_choice).toEqual({ type: 'function', function: { name: 'search' } });
    expect(forced.finishReason).toBe('tool-calls');
    expect(forced.toolCalls).toEqual([{ id: expect.stringMatching(/^call_/), name: 'search', arguments: '{"query":"find cats"}' }]);
    const phrased = await model.doGenerate(ask('please use tool search', { tools }));
    expect(phrased.toolCalls.map((call) => call.name)).toEqual(['search']);
    expect(lastBody().tools).toEqual([{ type: 'function', function: { name: 'search', description: 'search the web', parameters: tools[0]?.parameters } }]);
  });

  it('sends no tool_choice when there are no tools (OpenAI rejects it)', async () => {
    await model.doGenerate(ask('hi', { toolChoice: 'required' }));
    expect(lastBody()).not.toHaveProperty('tool_choice');
  });
});

describe('OpenAI language model: doStream', () => {
  it('streams one text delta per server chunk, then one finish part with usage', async () => {
    const parts = await collect(model.doStream(ask('stream this', { headers: { 'x-test-chunks': '5' } })));
    const deltas = parts.filter((part) => part.type === 'text-delta');
    expect(deltas).toHaveLength(5);
    expect(deltas.map((part) => part.text).join('')).toBe('weft test model (not a real LLM) heard: stream this');
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 10 } });
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(server.stats.streamRequests).toBe(1);
  });

  it('assembles streamed tool-call deltas into one whole tool-call part', async () => {
    const parts = await collect(model.doStream(ask('find dogs', { tools, toolChoice: 'required' })));
    expect(parts.map((part) => part.type)).toEqual(['tool-call', 'finish']);
    expect(parts[0]).toEqual({ type: 'tool-call', toolCall: { id: expect.stringMatching(/^call_/), name: 'search', arguments: '{"query":"find dogs"}' } });
    expect(parts[1]).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('aborting mid-stream closes the upstream connection and ends with a cancelled error', async () => {
    const controller = new AbortController();
    const parts: StreamPart[] = [];
    for await (const part of model.doStream(ask('slow', { signal: controller.signal, headers: { 'x-test-latency-ms': '3000' } }))) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }
    expect(parts[0]?.type).toBe('text-delta');
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'cancelled', provider: 'test' } });
    await expect.poll(() => server.stats.abortedStreams).toBe(1);
  });

  it('breaking out of the loop also closes the upstream connection', async () => {
    for await (const part of model.doStream(ask('slow', { headers: { 'x-test-latency-ms': '3000' } }))) {
      if (part.type === 'text-delta') break;
    }
    await expect.poll(() => server.stats.abortedStreams).toBe(1);
  });
});
