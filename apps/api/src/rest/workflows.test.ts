import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChatClient, CompletionClient } from 'dify-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replyPrefix, startModelTestServer } from '@weft/model-test-server';
import { runServiceForPlatform } from '../runtime/run-service-for-platform';
import { chatGraph, seedApiKey, seedApp, seedWorkspace, workflowGraph, type SeededApp } from '../runtime/test-support/seed-apps';
import { startTestServer, type RunningTestServer } from '../test-support/http';
import { describeBothDatabases } from '../test-support/test-services';
import { readSse } from './test-support/read-sse';

const modelServer = await startModelTestServer();
afterAll(() => modelServer.close());

type Json = Record<string, any>;
/** dify-client 2.3.2 ships `runWorkflow` in its JS but not in its type declarations. */
type WorkflowClient = CompletionClient & { runWorkflow(inputs: Json, user: string, stream?: boolean): Promise<{ data: any }> };

describeBothDatabases(
  'workflow runs, completion, parameters, info and uploads over HTTP with dify-client',
  ({ services }) => {
    let server: RunningTestServer;
    let workflow: SeededApp;
    let chat: SeededApp;
    let slow: SeededApp;
    let client: WorkflowClient;
    const call = (method: string, path: string, key: string, body?: unknown) =>
      fetch(`${server.url}/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    beforeAll(async () => {
      const { prisma, secrets } = services();
      const workspaceId = await seedWorkspace(prisma, secrets, modelServer.url);
      workflow = await seedApp(prisma, workspaceId, { mode: 'workflow', graph: workflowGraph(), name: 'Essay writer' });
      chat = await seedApp(prisma, workspaceId, { mode: 'chatflow', graph: chatGraph() });
      const slowWorkspace = await seedWorkspace(prisma, secrets, modelServer.url, { headers: { 'x-test-latency-ms': '2000' } });
      slow = await seedApp(prisma, slowWorkspace, { mode: 'workflow', graph: workflowGraph({ cache: false }) });
      server = await startTestServer(services());
      client = new CompletionClient(workflow.apiKey, `${server.url}/v1`) as WorkflowClient;
    });
    afterAll(() => server?.close());

    it('runs a workflow blocking and streaming, and reads the run back by id', async () => {
      const blocking = (await client.runWorkflow({ topic: 'tides' }, 'wf-user')).data as Json;
      expect(blocking).toMatchObject({
        task_id: blocking.workflow_run_id,
        data: { id: blocking.workflow_run_id, workflow_id: workflow.appId, status: 'succeeded', outputs: { text: `${replyPrefix}Write about tides` }, error: null, total_steps: 3 },
      });
      expect(blocking.data.elapsed_time).toBeLessThan(5);
      expect(blocking.data.total_tokens).toBeGreaterThan(0);

      const { events } = await readSse((await client.runWorkflow({ topic: 'rivers' }, 'wf-user', true)).data);
      const names = (events as Json[]).map((event) => event.event);
      expect(names[0]).toBe('workflow_started');
      expect(names.at(-1)).toBe('workflow_finished');
      expect(names.filter((name) => name === 'node_started')).toHaveLength(3);
      expect(names.filter((name) => name === 'node_finished')).toHaveLength(3);
      expect(names.filter((name) => name === 'text_chunk').length).toBeGreaterThan(1);
      const llmStarted = (events as Json[]).findIndex((event) => event.event === 'node_started' && event.data.node_id === 'llm');
      const llmFinished = (events as Json[]).findIndex((event) => event.event === 'node_finished' && event.data.node_id === 'llm');
      expect(names.indexOf('text_chunk')).toBeGreaterThan(llmStarted);
      expect(names.lastIndexOf('text_chunk')).toBeLessThan(llmFinished);
      const chunks = (events as Json[]).filter((event) => event.event === 'text_chunk');
      expect(chunks.map((event) => event.data.text).join('')).toBe(`${replyPrefix}Write about rivers`);
      expect(chunks[0]).toMatchObject({ data: { from_variable_selector: ['llm', 'text'] } });
      const finished = (events as Json[]).at(-1)!;
      expect(finished).toMatchObject({ data: { status: 'succeeded', outputs: { text: `${replyPrefix}Write about rivers` }, total_steps: 3 } });
      const runId = finished.workflow_run_id as string;

      const stored = (await (await call('GET', `/workflows/run/${runId}`, workflow.apiKey)).json()) as Json;
      expect(stored).toMatchObject({ id: runId, status: 'succeeded', inputs: { topic: 'rivers' }, outputs: { text: `${replyPrefix}Write about rivers` }, total_steps: 3, error: null });
      expect(stored.finished_at).toBeGreaterThanOrEqual(stored.created_at);
      expect((await call('GET', `/workflows/run/${runId}`, chat.apiKey)).status).toBe(404); // another app's key
      expect((await call('GET', '/workflows/run/unknown-run', workflow.apiKey)).status).toBe(404);
    });

    it('reports a running run, stops it through the workflow stop route, and stores it as stopped', async () => {
      const response = await call('POST', '/workflows/run', slow.apiKey, { inputs: { topic: 'patience' }, user: 'wf-user', response_mode: 'streaming' });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes('"node_started"')) text += decoder.decode((await reader.read()).value);
      const taskId = /"task_id":"([^"]+)"/.exec(text)![1]!;
      expect(await (await call('GET', `/workflows/run/${taskId}`, slow.apiKey)).json()).toMatchObject({ id: taskId, status: 'running', outputs: null });
      expect(await (await call('POST', `/workflows/tasks/${taskId}/stop`, slow.apiKey, { user: 'wf-user' })).json()).toEqual({ result: 'success' });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      expect(text).toContain('"status":"stopped"');
      expect(await (await call('GET', `/workflows/run/${taskId}`, slow.apiKey)).json()).toMatchObject({ status: 'stopped' });
    });

    it('answers bad workflow requests with 4xx codes, and a run failing inside with status failed', async () => {
      const missing = await call('POST', '/workflows/run', workflow.apiKey, { inputs: {}, user: 'u' });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toMatchObject({ code: 'invalid_param', message: expect.stringContaining('"topic" is required') });
      const tooLong = await call('POST', '/workflows/run', workflow.apiKey, { inputs: { topic: 'x'.repeat(201) }, user: 'u', response_mode: 'streaming' });
      expect(await tooLong.json()).toMatchObject({ code: 'invalid_param', message: expect.stringContaining('limit of 200') });
      expect(await (await call('POST', '/workflows/run', workflow.apiKey, { inputs: [], user: 'u' })).json()).toMatchObject({ code: 'invalid_param' });
      expect(await (await call('POST', '/workflows/run', chat.apiKey, { inputs: {}, user: 'u' })).json()).toMatchObject({ code: 'not_workflow_app', status: 400 });

      modelServer.script([{ fault: 'server-error' }]);
      const failed = (await client.runWorkflow({ topic: 'a failing model call' }, 'u')).data as Json;
      expect(failed.data).toMatchObject({ status: 'failed', outputs: null, error: expect.stringContaining('llm') });
    });

    it('answers completion-messages for workflow apps (outputs as text) and chat apps (one turn, no conversation)', async () => {
      const fromWorkflow = (await client.createCompletionMessage({ topic: 'bees' }, 'c-user')).data as Json;
      expect(fromWorkflow).toMatchObject({ event: 'message', mode: 'completion', answer: `${replyPrefix}Write about bees`, metadata: { usage: { total_tokens: expect.any(Number) } } });
      const streamed = await readSse((await client.createCompletionMessage({ topic: 'ants' }, 'c-user', true)).data);
      expect((streamed.events as Json[]).map((event) => event.event)).toEqual(['message', 'message_end']);
      expect((streamed.events as Json[])[0]).toMatchObject({ answer: `${replyPrefix}Write about ants`, message_id: expect.any(String) });

      const chatCompletion = new CompletionClient(chat.apiKey, `${server.url}/v1`);
      const answered = (await chatCompletion.createCompletionMessage({ query: 'one shot' }, 'c-user')).data as Json;
      expect(answered.answer).toBe(`Answer: ${replyPrefix}one shot`);
      const chatStream = await readSse((await chatCompletion.createCompletionMessage({ query: 'streamed shot' }, 'c-user', true)).data);
      const messages = (chatStream.events as Json[]).filter((event) => event.event === 'message');
      expect(messages.map((event) => event.answer).join('')).toBe(`Answer: ${replyPrefix}streamed shot`);
      expect(((await new ChatClient(chat.apiKey, `${server.url}/v1`).getConversations('c-user')).data as Json).data).toEqual([]);
    });

    it('describes the app: parameters from the published start node, and info', async () => {
      const parameters = (await client.getApplicationParameters('u')).data as Json;
      expect(parameters.user_input_form).toEqual([{ 'text-input': { label: 'Topic', variable: 'topic', required: true, max_length: 200, default: '' } }]);
      expect(parameters).toMatchObject({ opening_statement: '', suggested_questions: [], file_upload: { image: { enabled: false } }, system_parameters: { file_size_limit: 15 } });
      expect(await (await call('GET', '/info', workflow.apiKey)).json()).toEqual({ name: 'Essay writer', description: 'A workflow for tests', tags: [], mode: 'workflow', author_name: '' });
      expect(await (await call('GET', '/info', chat.apiKey)).json()).toMatchObject({ mode: 'advanced-chat' });
      const unpublished = await services().prisma.app.create({ data: { workspaceId: workflow.workspaceId, mode: 'workflow', name: 'Unpublished' } });
      const { apiKey } = await seedApiKey(services().prisma, unpublished.id);
      expect(await (await call('GET', '/parameters', apiKey)).json()).toMatchObject({ code: 'app_unavailable', status: 400 });
    });

    it('stores uploaded files under the data dir and refuses missing, oversized and unsupported files', async () => {
      const form = new FormData();
      form.append('file', new Blob(['hello file'], { type: 'text/plain' }), 'notes.txt');
      form.append('user', 'uploader');
      const uploaded = await client.fileUpload(form);
      expect(uploaded.status).toBe(201);
      expect(uploaded.data).toMatchObject({ name: 'notes.txt', size: 10, extension: 'txt', mime_type: 'text/plain', created_by: 'uploader', created_at: expect.any(Number) });
      const row = await services().prisma.uploadFile.findUniqueOrThrow({ where: { id: (uploaded.data as Json).id } });
      expect(row.workspaceId).toBe(workflow.workspaceId);
      expect(await readFile(join(services().dataDir, row.storageKey), 'utf8')).toBe('hello file');

      const used = (await client.runWorkflow({ topic: 'files' }, 'u')).data as Json;
      expect(used.data.status).toBe('succeeded');
      const withFile = await call('POST', '/workflows/run', workflow.apiKey, { inputs: { topic: 'f' }, user: 'u', files: [{ type: 'document', transfer_method: 'local_file', upload_file_id: row.id }] });
      expect(withFile.status).toBe(200);
      const foreign = await call('POST', '/workflows/run', workflow.apiKey, { inputs: { topic: 'f' }, user: 'u', files: [{ transfer_method: 'local_file', upload_file_id: 'missing' }] });
      expect(await foreign.json()).toMatchObject({ code: 'invalid_param', message: expect.stringContaining('POST /v1/files/upload') });

      const upload = (parts: [string, Blob | string, string?][]) => {
        const body = new FormData();
        for (const [name, value, filename] of parts) {
          if (typeof value === 'string') body.append(name, value);
          else body.append(name, value, filename);
        }
        return fetch(`${server.url}/v1/files/upload`, { method: 'POST', headers: { authorization: `Bearer ${workflow.apiKey}` }, body });
      };
      expect(await (await upload([['user', 'u']])).json()).toMatchObject({ code: 'no_file_uploaded', status: 400 });
      expect(await (await upload([['file', new Blob(['MZ']), 'tool.exe']])).json()).toMatchObject({ code: 'unsupported_file_type', status: 415 });
      const big = await upload([['file', new Blob([new Uint8Array(15 * 1_048_576 + 1)]), 'big.txt']]);
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ code: 'file_too_large' });
      expect(await (await call('POST', '/files/upload', workflow.apiKey, { file: 'not multipart' })).json()).toMatchObject({ code: 'no_file_uploaded' });
    });

    it('stops accepting a key once it is revoked through the bus', async () => {
      const { apiKey, apiKeyId } = await seedApiKey(services().prisma, workflow.appId);
      expect((await call('GET', '/info', apiKey)).status).toBe(200);
      const keyHash = (await services().prisma.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: new Date() } })).keyHash;
      await services().bus.publish({ type: 'api-key-revoked', apiKeyId, keyHash });
      const refused = await call('GET', '/info', apiKey);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Bearer') });
    });
  },
  { modelServer, createRunService: runServiceForPlatform },
);
