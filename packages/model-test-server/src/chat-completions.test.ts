import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelTestServer } from './start-model-test-server';
import type { ModelTestServer } from './types';
import { fetchLoose, postJson, sseChunks, sseData } from './test-support/sse';

let server: ModelTestServer;
beforeAll(async () => {
  server = await startModelTestServer();
});
afterAll(async () => {
  await server.close();
});

const user = (content: string) => ({ model: 'weft-test-model', messages: [{ role: 'user', content }] });
const chat = (body: unknown, headers?: Record<string, string>) => postJson(`${server.url}/chat/completions`, body, headers);
const tools = [
  { type: 'function', function: { name: 'search', parameters: { type: 'object' } } },
  { type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } },
];

describe('blocking chat completions', () => {
  it("answers in OpenAI's completion shape, naming itself a test model", async () => {
    const response = await chat({ ...user('what is weft?'), messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'what is weft?' }] });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'weft-test-model',
      choices: [{ index: 0, message: { role: 'assistant', content: 'weft test model (not a real LLM) heard: what is weft?' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 7, completion_tokens: 11, total_tokens: 18 },
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(typeof body.created).toBe('number');
  });

  it('is deterministic, and reads the text parts of array content', async () => {
    const first = await (await chat(user('same words'))).json();
    const second = await (await chat({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'same words' }] }] })).json();
    expect(second.choices[0].message.content).toBe(first.choices[0].message.content);
  });

  it('answers a JSON object text for response_format json_object', async () => {
    const body = await (await chat({ ...user('give json'), response_format: { type: 'json_object' } })).json();
    const parsed = JSON.parse(body.choices[0].message.content);
    expect(parsed).toEqual({ reply: 'weft test model (not a real LLM) heard: give json', model: 'weft-test-model' });
  });

  it('cuts at a stop sequence and at max_tokens (finish_reason length)', async () => {
    const stopped = await (await chat({ ...user('hi'), stop: ['(not'] })).json();
    expect(stopped.choices[0].message.content).toBe('weft test model ');
    expect(stopped.choices[0].finish_reason).toBe('stop');
    const cut = await (await chat({ ...user('hi'), max_tokens: 3 })).json();
    expect(cut.choices[0].message.content).toBe('weft test model');
    expect(cut.choices[0].finish_reason).toBe('length');
    expect(cut.usage.completion_tokens).toBe(3);
  });

  it('calls a tool when tool_choice is required, names one, or the user says "use tool <name>"', async () => {
    const required = await (await chat({ ...user('find cats'), tools, tool_choice: 'required' })).json();
    expect(required.choices[0].finish_reason).toBe('tool_calls');
    expect(required.choices[0].message.content).toBeNull();
    expect(required.choices[0].message.tool_calls).toEqual([
      { id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'search', arguments: '{"query":"find cats"}' } },
    ]);
    const named = await (await chat({ ...user('find cats'), tools, tool_choice: { type: 'function', function: { name: 'lookup' } } })).json();
    expect(named.choices[0].message.tool_calls[0].function.name).toBe('lookup');
    const asked = await (await chat({ ...user('please use tool lookup now'), tools })).json();
    expect(asked.choices[0].message.tool_calls[0].function).toEqual({ name: 'lookup', arguments: '{"query":"please use tool lookup now"}' });
    const auto = await (await chat({ ...user('no tool wanted'), tools })).json();
    expect(auto.choices[0].finish_reason).toBe('stop');
    const none = await (await chat({ ...user('use tool lookup'), tools, tool_choice: 'none' })).json();
    expect(none.choices[0].message.tool_calls).toBeUndefined();
  });

  it('waits latencyMs before answering', async () => {
    const started = Date.now();
    await (await chat(user('slow'), { 'x-test-latency-ms': '120' })).json();
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });
});

describe('streamed chat completions', () => {
  it('streams exactly chunkCount content chunks, a finish chunk, a usage chunk and [DONE]', async () => {
    const response = await chat({ ...user('stream me please'), stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(sseData(text).at(-1)).toBe('[DONE]');
    const chunks = sseChunks(text);
    expect(chunks[0].choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
    const contents = chunks.slice(1).filter((chunk) => chunk.choices[0]?.delta.content !== undefined);
    expect(contents).toHaveLength(8);
    expect(contents.map((chunk) => chunk.choices[0].delta.content).join('')).toBe('weft test model (not a real LLM) heard: stream me please');
    const finish = chunks.at(-2);
    expect(finish.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toEqual({ prompt_tokens: 4, completion_tokens: 11, total_tokens: 15 });
    for (const chunk of chunks) {
      expect(chunk.object).toBe('chat.completion.chunk');
      expect(chunk.id).toBe(chunks[0].id);
    }
  });

  it('sends no usage chunk unless include_usage is set, and honours x-test-chunks', async () => {
    const chunks = sseChunks(await (await chat({ ...user('x'), stream: true }, { 'x-test-chunks': '3' })).text());
    expect(chunks.every((chunk) => chunk.choices.length === 1 && !('usage' in chunk))).toBe(true);
    expect(chunks.filter((chunk) => chunk.choices[0].delta.content)).toHaveLength(3);
  });

  it('streams a tool call in delta format: id and name first, then argument pieces', async () => {
    const text = await (await chat({ ...user('find dogs'), tools, tool_choice: 'required', stream: true })).text();
    const chunks = sseChunks(text);
    const first = chunks[0].choices[0].delta.tool_calls[0];
    expect(first).toEqual({ index: 0, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'search', arguments: '' } });
    const pieces = chunks.slice(1, -1).map((chunk) => chunk.choices[0].delta.tool_calls[0]);
    expect(pieces.every((piece) => piece.index === 0 && piece.id === undefined)).toBe(true);
    expect(pieces.map((piece) => piece.function.arguments).join('')).toBe('{"query":"find dogs"}');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');
  });

  it('delays the first content chunk by ttftMs and spreads the rest over latencyMs', async () => {
    const started = Date.now();
    const response = await chat({ ...user('timed'), stream: true }, { 'x-test-ttft-ms': '60', 'x-test-latency-ms': '300', 'x-test-chunks': '4' });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const arrivals: number[] = [];
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const count = (buffer.match(/"content":"[^"]+"/g) ?? []).length;
      while (arrivals.length < count) arrivals.push(Date.now() - started);
    }
    expect(arrivals).toHaveLength(4);
    // Due at 60, 140, 220 and 300 ms. Only lower bounds: a loaded machine may be late, never early.
    [55, 135, 215, 295].forEach((earliest, index) => expect(arrivals[index]).toBeGreaterThanOrEqual(earliest));
  });
});

describe('request errors', () => {
  it("answers 400 with OpenAI's error JSON for a bad body", async () => {
    const missingMessages = await chat({ model: 'weft-test-model' });
    expect(missingMessages.status).toBe(400);
    const body = await missingMessages.json();
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: 'messages' });
    expect(body.error.message).toContain('messages');

    const notJson = await fetchLoose(`${server.url}/chat/completions`, { method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.type).toBe('invalid_request_error');
  });

  it('answers 404 model_not_found for missing-model and for unknown paths', async () => {
    const response = await chat({ ...user('hi'), model: 'missing-model' });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: 'model_not_found', type: 'invalid_request_error' });
    const unknown = await fetchLoose(`${server.url}/completions`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toContain('/v1/chat/completions');
  });

  it('rejects an invalid x-test header with a message naming the header', async () => {
    const response = await chat(user('hi'), { 'x-test-fault': 'explode' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('x-test-fault is one of rate-limit');
  });
});
