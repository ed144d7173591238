import type { RunEvent, RunResult } from '@weft/workflow-engine/spec';
import { AppError } from '../errors';
import type { RunRequest } from '../runtime/create-run-service';
import type { StartedRun } from '../services/contracts';
import { answerOf, createDifyEventMapper, outputsAsText, type DifyStreamContext, type DifyStreamMode } from './dify-events';
import { difyRunStatus, difyUsage, passagesOf, retrieverResources, runFailure } from './dify-shapes';
import { parseWith, readJson, sendJson, unixSeconds } from './http-io';
import { chatMessageSchema, completionMessageSchema, idempotencyKeySchema, workflowRunSchema, type FileReference } from './request-schemas';
import type { RestContext, RestHandler } from './rest-context';
import { startSse } from './sse-stream';
import { gateOnStart } from './stream-gate';

/** `POST /v1/chat-messages` (chatflow apps). */
export const postChatMessage: RestHandler = async (context) => {
  const body = parseWith(chatMessageSchema, await readJson(context.request, context.services.env.WEFT_MAX_BODY_BYTES));
  requireMode(context, 'chatflow');
  const started = await start(context, {
    inputs: body.inputs,
    query: body.query,
    user: body.user,
    ...(body.conversation_id ? { conversationId: body.conversation_id } : {}),
    files: await resolveFiles(context, body.files),
  });
  if (body.response_mode === 'streaming') return stream(context, started, 'advanced-chat');
  const { result, events } = await settle(started);
  if (result.status === 'failed') throw runFailure(result.error);
  sendJson(context.response, 200, {
    event: 'message',
    task_id: started.taskId,
    id: started.messageId,
    message_id: started.messageId,
    conversation_id: started.conversationId,
    mode: 'advanced-chat',
    answer: result.answer,
    metadata: { usage: difyUsage(result.usage, result.elapsedMs), retriever_resources: retrieverResources(passagesOf(events)) },
    created_at: unixSeconds(started.createdAt),
  });
};

/**
 * `POST /v1/completion-messages`: one answer without a conversation. Chat apps take `query` (or `inputs.query`);
 * workflow apps answer with their outputs as text.
 */
export const postCompletionMessage: RestHandler = async (context) => {
  const body = parseWith(completionMessageSchema, await readJson(context.request, context.services.env.WEFT_MAX_BODY_BYTES));
  const mode = context.key.app.mode;
  const query = body.query ?? (typeof body.inputs.query === 'string' ? body.inputs.query : '');
  const started = await start(context, {
    inputs: body.inputs,
    user: body.user,
    files: await resolveFiles(context, body.files),
    ...(mode === 'chatflow' ? { query, history: [] } : {}),
  });
  if (body.response_mode === 'streaming') return stream(context, started, 'completion');
  const { result, events } = await settle(started);
  if (result.status === 'failed') throw runFailure(result.error);
  sendJson(context.response, 200, {
    event: 'message',
    task_id: started.taskId,
    id: started.runId,
    message_id: started.runId,
    mode: 'completion',
    answer: answerOf(result, mode),
    metadata: { usage: difyUsage(result.usage, result.elapsedMs), retriever_resources: retrieverResources(passagesOf(events)) },
    created_at: unixSeconds(started.createdAt),
  });
};

/** `POST /v1/workflows/run` (workflow apps). A run that fails inside answers 200 with `status: failed`, as Dify does. */
export const postWorkflowRun: RestHandler = async (context) => {
  const body = parseWith(workflowRunSchema, await readJson(context.request, context.services.env.WEFT_MAX_BODY_BYTES));
  requireMode(context, 'workflow');
  const started = await start(context, { inputs: body.inputs, user: body.user, files: await resolveFiles(context, body.files) });
  if (body.response_mode === 'streaming') return stream(context, started, 'workflow');
  const { result, events } = await settle(started);
  if (result.status === 'failed' && result.error?.code === 'invalid_input') throw runFailure(result.error);
  const finishedAt = started.createdAt + result.elapsedMs;
  sendJson(context.response, 200, {
    task_id: started.taskId,
    workflow_run_id: started.runId,
    data: {
      id: started.runId,
      workflow_id: started.appId,
      status: difyRunStatus(result.status),
      outputs: result.status === 'succeeded' ? result.outputs : null,
      error: result.error?.message ?? null,
      elapsed_time: result.elapsedMs / 1000,
      total_tokens: result.usage.inputTokens + result.usage.outputTokens,
      total_steps: events.filter((event) => event.type === 'node-finished' && event.status !== 'skipped').length,
      created_at: unixSeconds(started.createdAt),
      finished_at: unixSeconds(finishedAt),
    },
  });
};

export function requireMode(context: RestContext, mode: 'workflow' | 'chatflow'): void {
  const app = context.key.app;
  if (app.mode === mode) return;
  throw mode === 'chatflow'
    ? new AppError('not_chat_app', `App "${app.name}" is a workflow app: run it with POST /v1/workflows/run (or /v1/completion-messages), not a chat route.`)
    : new AppError('not_workflow_app', `App "${app.name}" is a chat app: send messages with POST /v1/chat-messages, not /v1/workflows/run.`);
}

/** Starts a published run of the key's app, honouring the Idempotency-Key header. */
export function start(context: RestContext, request: Omit<RunRequest, 'appId' | 'source' | 'target'>): Promise<StartedRun> {
  const header = context.request.headers['idempotency-key'];
  const idempotencyKey = parseWith(idempotencyKeySchema, Array.isArray(header) ? header[0] : header, 'Idempotency-Key header');
  return context.runs.start({ ...request, appId: context.key.app.id, source: 'api', target: 'published', ...(idempotencyKey ? { idempotencyKey } : {}) });
}

/** The run's result and all its events (buffered by the engine, so reading them after the end is cheap). */
export async function settle(started: StartedRun): Promise<{ result: RunResult; events: RunEvent[] }> {
  const result = await started.result;
  const events: RunEvent[] = [];
  for await (const event of started.events) events.push(event);
  return { result, events };
}

/** Streams a run as Dify's SSE; input errors are answered as 400 before the stream opens. */
async function stream(context: RestContext, started: StartedRun, mode: DifyStreamMode): Promise<void> {
  const gated = await gateOnStart(started.events);
  if (gated.failure?.code === 'invalid_input') throw runFailure(gated.failure);
  const streamContext: DifyStreamContext = {
    mode,
    taskId: started.taskId,
    runId: started.runId,
    workflowId: started.appId,
    createdAt: started.createdAt,
    ...(started.conversationId ? { conversationId: started.conversationId } : {}),
    messageId: started.messageId ?? started.runId,
    ...(mode === 'completion' && started.mode === 'workflow' ? { answerOf: outputsAsText } : {}),
  };
  const map = createDifyEventMapper(streamContext);
  const sse = startSse(context.response, { ping: 'event: ping\n\n' });
  try {
    // A client that goes away stops receiving; the run itself finishes and is stored (stop it with the stop route).
    for await (const event of gated.events) {
      for (const payload of map(event)) sse.send(payload);
      if (!sse.open) break;
    }
  } finally {
    sse.end();
  }
}

/** Dify file references → what `sys.files` carries; uploaded files must belong to the app's workspace. */
async function resolveFiles(context: RestContext, files: FileReference[]): Promise<unknown[] | undefined> {
  if (files.length === 0) return undefined;
  const ids = files.flatMap((file) => (file.transfer_method === 'local_file' ? [file.upload_file_id ?? ''] : []));
  if (ids.includes('')) throw new AppError('invalid_param', 'A file with transfer_method "local_file" needs the upload_file_id returned by POST /v1/files/upload.');
  const uploads = ids.length === 0 ? [] : await context.services.prisma.uploadFile.findMany({ where: { id: { in: ids }, workspaceId: context.key.app.workspaceId } });
  const byId = new Map(uploads.map((upload) => [upload.id, upload]));
  return files.map((file) => {
    if (file.transfer_method === 'remote_url') {
      if (!file.url) throw new AppError('invalid_param', 'A file with transfer_method "remote_url" needs a "url".');
      return { type: file.type, transfer_method: 'remote_url', url: file.url };
    }
    const upload = byId.get(file.upload_file_id!);
    if (!upload) throw new AppError('invalid_param', `Uploaded file "${file.upload_file_id}" does not exist for this app. Upload it with POST /v1/files/upload first.`);
    return {
      type: file.type,
      transfer_method: 'local_file',
      upload_file_id: upload.id,
      name: upload.name,
      size: upload.size,
      mime_type: upload.mimeType,
      extension: upload.extension,
    };
  });
}
