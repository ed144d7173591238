import { ChatClient } from 'dify-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replyPrefix, startModelTestServer } from '@weft/model-test-server';
import { runServiceForPlatform } from '../runtime/run-service-for-platform';
import { chatGraph, seedApp, seedWorkspace, workflowGraph, type SeededApp } from '../runtime/test-support/seed-apps';
import { startTestServer, type RunningTestServer } from '../test-support/http';
import { describeBothDatabases } from '../test-support/test-services';
import { readSse } from './test-support/read-sse';

const modelServer = await startModelTestServer();
afterAll(() => modelServer.close());

type Json = Record<string, any>;

describeBothDatabases(
  'POST /v1/chat-messages over HTTP with dify-client',
  ({ services }) => {
    let server: RunningTestServer;
    let chat: SeededApp;
    let withInputs: SeededApp;
    let workflow: SeededApp;
    let slow: SeededApp;
    let client: ChatClient;
    const post = (path: string, key: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    beforeAll(async () => {
      const { prisma, secrets } = services();
      const workspaceId = await seedWorkspace(prisma, secrets, modelServer.url);
      chat = await seedApp(prisma, workspaceId, { mode: 'chatflow', graph: chatGraph() });
      withInputs = await seedApp(prisma, workspaceId, {
        mode: 'chatflow',
        graph: chatGraph({ variables: [{ variable: 'city', type: 'select', options: ['Paris', 'Rome'], required: true }] }),
      });
      workflow = await seedApp(prisma, workspaceId, { mode: 'workflow', graph: workflowGraph() });
      const slowWorkspace = await seedWorkspace(prisma, secrets, modelServer.url, { headers: { 'x-test-latency-ms': '2000', 'x-test-chunks': '20' } });
      slow = await seedApp(prisma, slowWorkspace, { mode: 'chatflow', graph: chatGraph({ cache: false }) });
      server = await startTestServer(services());
      client = new ChatClient(chat.apiKey, `${server.url}/v1`);
    });
    afterAll(() => server?.close());

    it('answers blocking with Dify\'s message shape, then streams the next turn with the conversation as memory', async () => {
      const blocking = (await client.createChatMessage({}, 'hello weft', 'user-1')).data as Json;
      expect(blocking).toMatchObject({
        event: 'message',
        mode: 'advanced-chat',
        answer: `Answer: ${replyPrefix}hello weft`,
        metadata: { usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), currency: 'USD' }, retriever_resources: [] },
      });
      expect(blocking.id).toBe(blocking.message_id);
      expect(blocking.task_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(blocking.metadata.usage.total_tokens).toBe(blocking.metadata.usage.prompt_tokens + blocking.metadata.usage.completion_tokens);
      expect(Math.abs(blocking.created_at - Date.now() / 1000)).toBeLessThan(60);

      const response = await client.createChatMessage({}, 'and now?', 'user-1', true, blocking.conversation_id);
      expect(response.headers['content-type']).toContain('text/event-stream');
      const { events } = await readSse(response.data);
      const names = (events as Json[]).map((event) => event.event);
      expect(names[0]).toBe('workflow_started');
      expect(names.slice(-2)).toEqual(['workflow_finished', 'message_end']);
      expect(names.filter((name) => name === 'node_started')).toHaveLength(3);
      expect(names.filter((name) => name === 'node_finished')).toHaveLength(3);
      for (const event of events as Json[]) {
        expect(event).toMatchObject({ conversation_id: blocking.conversation_id, task_id: expect.any(String), message_id: expect.any(String) });
      }
      const started = (events as Json[]).find((event) => event.event === 'node_started' && event.data.node_id === 'llm')!;
      const finished = (events as Json[]).find((event) => event.event === 'node_finished' && event.data.node_id === 'llm')!;
      expect(names.indexOf('node_started')).toBeLessThan(names.indexOf('node_finished'));
      expect(finished.data).toMatchObject({ id: started.data.id, node_type: 'llm', status: 'succeeded', elapsed_time: expect.any(Number), outputs: { text: `${replyPrefix}and now?` } });
      const messages = (events as Json[]).filter((event) => event.event === 'message');
      expect(messages.length).toBeGreaterThan(1);
      expect(messages.map((event) => event.answer).join('')).toBe(`Answer: ${replyPrefix}and now?`);
      expect(messages[0]).toMatchObject({ id: messages[0]!.message_id, created_at: expect.any(Number) });
      const workflowFinished = (events as Json[]).at(-2)!;
      expect(workflowFinished).toMatchObject({ workflow_run_id: workflowFinished.task_id, data: { status: 'succeeded', total_steps: 3, error: null } });
      expect(workflowFinished.data.total_tokens).toBeGreaterThan(0);
      expect((events as Json[]).at(-1)).toMatchObject({ metadata: { usage: { total_tokens: workflowFinished.data.total_tokens } } });

      const sent = modelServer.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
      expect(sent.messages.map((message) => message.content)).toEqual(['You are a terse assistant.', 'hello weft', `Answer: ${replyPrefix}hello weft`, 'and now?']);
    });

    it('checks inputs before streaming: a bad input is a 400 with what to fix, not a stream', async () => {
      const missing = await post('/chat-messages', withInputs.apiKey, { inputs: {}, query: 'hi', user: 'u', response_mode: 'streaming' });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toMatchObject({ code: 'invalid_param', status: 400, message: expect.stringContaining('"city" is required') });
      const wrong = await post('/chat-messages', withInputs.apiKey, { inputs: { city: 'Oslo' }, query: 'hi', user: 'u' });
      expect(await wrong.json()).toMatchObject({ code: 'invalid_param', message: expect.stringContaining('must be one of') });
      const fine = await post('/chat-messages', withInputs.apiKey, { inputs: { city: 'Rome' }, query: 'hi', user: 'u' });
      expect(fine.status).toBe(200);
    });

    it('answers malformed requests with 4xx codes, never a 500', async () => {
      const expectError = async (response: Response, status: number, code: string) => {
        expect(response.status).toBe(status);
        expect(await response.json()).toMatchObject({ code, status, message: expect.any(String) });
      };
      await expectError(await post('/chat-messages', chat.apiKey, { query: 'hi' }), 400, 'invalid_param'); // no user
      await expectError(await post('/chat-messages', chat.apiKey, { query: 42, user: 'u' }), 400, 'invalid_param');
      await expectError(await post('/chat-messages', chat.apiKey, { query: 'hi', user: 'u', response_mode: 'fast' }), 400, 'invalid_param');
      const badJson = await fetch(`${server.url}/v1/chat-messages`, { method: 'POST', headers: { authorization: `Bearer ${chat.apiKey}` }, body: '{"query": ' });
      await expectError(badJson, 400, 'invalid_param');
      const huge = await post('/chat-messages', chat.apiKey, { query: 'x'.repeat(1_100_000), user: 'u' });
      await expectError(huge, 413, 'payload_too_large');
      await expectError(await post('/chat-messages', workflow.apiKey, { query: 'hi', user: 'u' }), 400, 'not_chat_app');
      await expectError(await post('/chat-messages', chat.apiKey, { query: 'hi', user: 'u', conversation_id: 'nope' }), 404, 'conversation_not_exists');
      await expectError(await post('/chat-messages', 'app-not-a-key', { query: 'hi', user: 'u' }), 401, 'unauthorized');
      await expectError(await fetch(`${server.url}/v1/chat-messages`, { method: 'POST', body: '{}' }), 401, 'unauthorized');
      const wrongMethod = await fetch(`${server.url}/v1/chat-messages`, { headers: { authorization: `Bearer ${chat.apiKey}` } });
      expect(wrongMethod.headers.get('allow')).toBe('POST');
      await expectError(wrongMethod, 405, 'method_not_allowed');
      await expectError(await post('/chat-messagez', chat.apiKey, {}), 404, 'not_found');
      await expectError(await post('/chat-messages', chat.apiKey, { query: 'hi', user: 'u' }, { 'idempotency-key': 'k'.repeat(300) }), 400, 'invalid_param');
    });

    it('returns the same run for a retried Idempotency-Key and stores one run', async () => {
      const body = { query: 'once only', user: 'user-idem', inputs: {} };
      const first = (await client.sendRequest('POST', '/chat-messages', body, undefined, false, { 'Idempotency-Key': 'retry-7' })).data as Json;
      const again = (await client.sendRequest('POST', '/chat-messages', body, undefined, false, { 'Idempotency-Key': 'retry-7' })).data as Json;
      expect(again).toMatchObject({ task_id: first.task_id, message_id: first.message_id, conversation_id: first.conversation_id, answer: first.answer });
      const streamed = await readSse((await client.sendRequest('POST', '/chat-messages', { ...body, response_mode: 'streaming' }, undefined, true, { 'Idempotency-Key': 'retry-7' })).data);
      expect((streamed.events as Json[]).filter((event) => event.event === 'message').map((event) => event.answer).join('')).toBe(first.answer);
      await services().runs.flush();
      expect(await services().prisma.run.count({ where: { appId: chat.appId, idempotencyKey: 'retry-7' } })).toBe(1);
    });

    it('stops a slow streaming run quickly through the stop route, and answers 429 with Retry-After over the limit', async () => {
      const stream = await post('/chat-messages', slow.apiKey, { query: 'take your time', user: 'slow-user', response_mode: 'streaming' });
      const reader = stream.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes('"event":"message"')) text += decoder.decode((await reader.read()).value);
      const taskId = /"task_id":"([^"]+)"/.exec(text)![1]!;

      const second = await post('/chat-messages', slow.apiKey, { query: 'me too', user: 'slow-user', response_mode: 'streaming' });
      const third = await post('/chat-messages', slow.apiKey, { query: 'and me', user: 'slow-user' });
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('1');
      expect(await third.json()).toMatchObject({ code: 'too_many_requests', status: 429 });

      const stoppedAt = Date.now();
      const stop = await post(`/chat-messages/${taskId}/stop`, slow.apiKey, { user: 'slow-user' });
      expect(await stop.json()).toEqual({ result: 'success' });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      expect(Date.now() - stoppedAt).toBeLessThan(1_000);
      const finished = text.split('\n\n').filter((block) => block.includes('"workflow_finished"'));
      expect(JSON.parse(finished[0]!.slice(6))).toMatchObject({ data: { status: 'stopped' } });
      expect(text.trimEnd().endsWith('}')).toBe(true);
      expect(text).toContain('"message_end"');

      const secondTask = /"task_id":"([^"]+)"/.exec(decoder.decode((await second.body!.getReader().read()).value))![1]!;
      await post(`/chat-messages/${secondTask}/stop`, slow.apiKey, { user: 'slow-user' });
      const otherAppStop = await post(`/chat-messages/${secondTask}/stop`, chat.apiKey, { user: 'slow-user' });
      expect(otherAppStop.status).toBe(200); // Dify answers success either way; only the key's app's tasks stop
    });
  },
  { modelServer, env: { WEFT_MAX_CONCURRENT_RUNS_PER_APP: '2' }, createRunService: runServiceForPlatform },
);
