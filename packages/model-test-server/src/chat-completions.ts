import { buildChatReply } from './chat-reply';
import type { ChatReply } from './chat-reply';
import { streamChatReply } from './chat-stream';
import { sendJson } from './http-io';
import { missingModelId } from './models';
import { sendInvalidRequest, sendModelNotFound, sendStatusFault } from './openai-errors';
import type { RequestContext } from './request-context';
import { destroyConnection, untilAborted } from './request-context';
import type { ChatRequest } from './request-schemas';
import { chatRequestSchema, describeIssue } from './request-schemas';

function completion(id: string, created: number, request: ChatRequest, reply: ChatReply) {
  const toolCalls = reply.toolCall
    ? [{ id: reply.toolCall.id, type: 'function', function: { name: reply.toolCall.name, arguments: reply.toolCall.arguments } }]
    : undefined;
  return {
    id,
    object: 'chat.completion',
    created,
    model: request.model,
    system_fingerprint: 'fp_weft_test',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.text, refusal: null, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        logprobs: null,
        finish_reason: reply.finishReason,
      },
    ],
    usage: reply.usage,
  };
}

/** POST /v1/chat/completions, blocking or streamed. */
export async function handleChatCompletions(context: RequestContext): Promise<void> {
  const { response, control, timers, signal, stats } = context;
  stats.chatRequests += 1;
  const parsed = chatRequestSchema.safeParse(context.body);
  if (parsed.success && parsed.data.stream === true) stats.streamRequests += 1;

  if (!parsed.success) {
    const { message, param } = describeIssue(parsed.error);
    sendInvalidRequest(response, message, param);
    return;
  }
  const request = parsed.data;
  if (request.model === missingModelId) {
    sendModelNotFound(response, request.model);
    return;
  }
  if (control.fault !== undefined && ['rate-limit', 'server-error', 'auth', 'context-length'].includes(control.fault)) {
    if (await timers.delay(control.ttftMs, signal)) sendStatusFault(response, control.fault, control.retryAfterSeconds);
    return;
  }

  const reply = buildChatReply(request);
  const id = `chatcmpl-weft${String(context.requestNumber).padStart(6, '0')}`;
  const created = Math.floor(Date.now() / 1000);
  if (request.stream === true) {
    const includeUsage = request.stream_options?.include_usage === true;
    await streamChatReply(context, reply, { id, created, model: request.model, includeUsage });
    return;
  }
  await answerBlocking(context, completion(id, created, request, reply));
}

async function answerBlocking(context: RequestContext, body: unknown): Promise<void> {
  const { response, control, timers, signal } = context;
  const total = Math.max(control.latencyMs, control.ttftMs);
  switch (control.fault) {
    case 'stall':
      await untilAborted(signal);
      return;
    case 'reset-mid-stream':
      if (await timers.delay(total / 2, signal)) destroyConnection(response);
      return;
    case 'malformed-sse':
      if (await timers.delay(total, signal)) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"id": "chatcmpl-broken", this body is not JSON');
      }
      return;
    default:
      if (await timers.delay(total, signal)) sendJson(response, 200, body);
  }
}
