import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replyPrefix, startModelTestServer } from '@weft/model-test-server';
import { runServiceForPlatform } from '../runtime/run-service-for-platform';
import { chatGraph, seedApp, seedWorkspace, workflowGraph, type SeededApp } from '../runtime/test-support/seed-apps';
import { startTestServer, type RunningTestServer } from '../test-support/http';
import { describeBothDatabases } from '../test-support/test-services';

const modelServer = await startModelTestServer();
afterAll(() => modelServer.close());

describeBothDatabases(
  'POST /v1/chat/completions over HTTP with the openai SDK',
  ({ services }) => {
    let server: RunningTestServer;
    let chat: SeededApp;
    let workflow: SeededApp;
    let openai: OpenAI;

    beforeAll(async () => {
      const { prisma, secrets } = services();
      const workspaceId = await seedWorkspace(prisma, secrets, modelServer.url);
      chat = await seedApp(prisma, workspaceId, { mode: 'chatflow', graph: chatGraph() });
      workflow = await seedApp(prisma, workspaceId, { mode: 'workflow', graph: workflowGraph() });
      server = await startTestServer(services());
      openai = new OpenAI({ apiKey: chat.apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
    });
    afterAll(() => server?.close());

    it('answers a chat app blocking: the last user message is the query, earlier messages the history', async () => {
      const completion = await openai.chat.completions.create({
        model: chat.appId,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'I like tea' },
          { role: 'assistant', content: 'Noted.' },
          { role: 'user', content: [{ type: 'text', text: 'what do I like?' }] },
        ],
      });
      expect(completion).toMatchObject({
        object: 'chat.completion',
        model: chat.appId,
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: `Answer: ${replyPrefix}what do I like?` } }],
      });
      expect(completion.id).toMatch(/^chatcmpl-/);
      expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
      const sent = modelServer.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
      expect(sent.messages).toEqual([
        { role: 'system', content: 'You are a terse assistant.' },
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'I like tea' },
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: 'what do I like?' },
      ]);
      await services().runs.flush();
      expect(await services().prisma.conversation.count({ where: { appId: chat.appId } })).toBe(0); // OpenAI clients resend history
    });

    it('streams OpenAI chunks (role first, content deltas, finish, usage) ending with [DONE]', async () => {
      const stream = await openai.chat.completions.create({
        model: 'gpt-4o-mini', // not an app id: the key decides
        messages: [{ role: 'user', content: 'stream me' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks[0]).toMatchObject({ object: 'chat.completion.chunk', model: 'gpt-4o-mini', choices: [{ delta: { role: 'assistant' }, finish_reason: null }] });
      const content = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).join('');
      expect(content).toBe(`Answer: ${replyPrefix}stream me`);
      expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(1);
      expect(chunks.at(-2)?.choices[0]).toMatchObject({ finish_reason: 'stop', delta: {} });
      expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
      expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);

      const raw = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${chat.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'raw' }], stream: true }),
      });
      expect((await raw.text()).trimEnd().endsWith('data: [DONE]')).toBe(true);
    });

    it('answers a workflow app with its outputs, streamed as one delta', async () => {
      const client = new OpenAI({ apiKey: workflow.apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
      const blocking = await client.chat.completions.create({ model: workflow.appId, messages: [{ role: 'user', content: 'ignored' }], inputs: { topic: 'moss' } } as never);
      expect((blocking as OpenAI.ChatCompletion).choices[0]?.message.content).toBe(`${replyPrefix}Write about moss`);
      const stream = await client.chat.completions.create({ model: workflow.appId, messages: [{ role: 'user', content: 'x' }], stream: true, inputs: { topic: 'ferns' } } as never);
      let content = '';
      for await (const chunk of stream as unknown as AsyncIterable<OpenAI.ChatCompletionChunk>) content += chunk.choices[0]?.delta.content ?? '';
      expect(content).toBe(`${replyPrefix}Write about ferns`);
    });

    it('reports errors in OpenAI\'s envelope so the SDK raises typed errors with the message', async () => {
      const error = (call: Promise<unknown>) => call.then(() => undefined, (caught: unknown) => caught as InstanceType<typeof OpenAI.APIError>);
      const wrongApp = await error(openai.chat.completions.create({ model: workflow.appId, messages: [{ role: 'user', content: 'hi' }] }));
      expect(wrongApp).toBeInstanceOf(OpenAI.NotFoundError);
      expect(wrongApp).toMatchObject({ status: 404, code: 'app_not_found', message: expect.stringContaining('not the app of this API key') });

      const badKey = new OpenAI({ apiKey: 'app-wrong', baseURL: `${server.url}/v1`, maxRetries: 0 });
      const unauthorized = await error(badKey.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }));
      expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(unauthorized).toMatchObject({ code: 'unauthorized', type: 'authentication_error' });

      const notUserLast = await error(openai.chat.completions.create({ model: 'x', messages: [{ role: 'assistant', content: 'hi' }] }));
      expect(notUserLast).toBeInstanceOf(OpenAI.BadRequestError);
      expect(notUserLast).toMatchObject({ code: 'invalid_param', message: expect.stringContaining("last message must be the user's") });
      const empty = await error(openai.chat.completions.create({ model: 'x', messages: [] }));
      expect(empty).toMatchObject({ status: 400, code: 'invalid_param' });

      const workflowClient = new OpenAI({ apiKey: workflow.apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
      const badInputs = await error(workflowClient.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }], stream: true }));
      expect(badInputs).toMatchObject({ status: 400, code: 'invalid_param', message: expect.stringContaining('"topic" is required') });

      modelServer.script([{ fault: 'auth' }]);
      const upstream = await error(openai.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'upstream failure, uncached' }] }));
      expect(upstream).toMatchObject({ status: 400, code: 'completion_request_error' });
    });
  },
  { modelServer, createRunService: runServiceForPlatform },
);
