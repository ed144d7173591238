import { z } from 'zod';
import type { ChatMessage } from '@weft/llm-gateway/spec';
import type { RunEvent, RunResult } from '@weft/workflow-engine/spec';
import { AppError } from '../errors';
import { isUuid } from '../runtime/uuid-v7';
import type { StartedRun } from '../services/contracts';
import { answerOf, outputsAsText } from './dify-events';
import { runFailure } from './dify-shapes';
import { parseWith, readJson, sendJson, unixSeconds } from './http-io';
import { start } from './run-endpoints';
import type { RestContext, RestHandler } from './rest-context';
import { startSse, type SseStream } from './sse-stream';
import { gateOnStart } from './stream-gate';

const contentSchema = z.union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() })), z.null()]).optional();

const chatCompletionSchema = z.looseObject({
  /** The app id; any name that is not an id (e.g. "gpt-4o" hard-coded in a client) lets the key decide. */
  model: z.string().max(200).optional(),
  messages: z
    .array(z.looseObject({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']), content: contentSchema }))
    .min(1, 'send at least one message')
    .max(1_000),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  user: z.string().max(255).optional(),
  /** weft extension: the start node's inputs (workflow apps, or chat apps with inputs). */
  inputs: z.record(z.string(), z.unknown()).optional(),
});

type Body = z.infer<typeof chatCompletionSchema>;

function textOf(content: Body['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
  return '';
}

/** Splits OpenAI messages into the query (the last, user, message) and the history before it. */
function conversationOf(messages: Body['messages']): { query: string; history: ChatMessage[] } {
  const last = messages.at(-1)!;
  if (last.role !== 'user') {
    throw new AppError('invalid_param', `The last message must be the user's (got role "${last.role}"): weft answers the last user message.`);
  }
  const history: ChatMessage[] = [];
  for (const message of messages.slice(0, -1)) {
    const content = textOf(message.content);
    if (message.role === 'system' || message.role === 'developer') history.push({ role: 'system', content });
    else if (message.role === 'user' || message.role === 'assistant') history.push({ role: message.role, content });
  }
  return { query: textOf(last.content), history };
}

/**
 * `POST /v1/chat/completions`, OpenAI's shape, so any OpenAI client talks to a weft app. The Bearer app key picks
 * the app; `model` may be that app's id or any other name that is not an app id. The last user message is
 * `sys.query`, earlier messages the history; chat apps answer with their answer text, workflow apps with their
 * outputs (one string output as is, otherwise JSON). Nothing is stored as a conversation: OpenAI clients resend it.
 */
export const postChatCompletion: RestHandler = async (context) => {
  const body = parseWith(chatCompletionSchema, await readJson(context.request, context.services.env.WEFT_MAX_BODY_BYTES));
  const app = context.key.app;
  if (body.model !== undefined && isUuid(body.model) && body.model !== app.id) {
    throw new AppError('app_not_found', `Model "${body.model}" is not the app of this API key (app ${app.id}). Use model "${app.id}", or a name that is not an app id, with this key.`);
  }
  const { query, history } = conversationOf(body.messages);
  const started = await start(context, { inputs: body.inputs ?? {}, query, history, user: body.user ?? 'openai-client' });
  const model = body.model ?? app.id;
  if (body.stream) return streamCompletion(context, started, model, body.stream_options?.include_usage === true);

  const result = await started.result;
  if (result.status === 'failed') throw runFailure(result.error);
  sendJson(context.response, 200, {
    id: `chatcmpl-${started.runId}`,
    object: 'chat.completion',
    created: unixSeconds(started.createdAt),
    model,
    system_fingerprint: null,
    choices: [{ index: 0, message: { role: 'assistant', content: answerOf(result, started.mode), refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: usageOf(result),
  });
};

function usageOf(result: Pick<RunResult, 'usage'>) {
  return { prompt_tokens: result.usage.inputTokens, completion_tokens: result.usage.outputTokens, total_tokens: result.usage.inputTokens + result.usage.outputTokens };
}

async function streamCompletion(context: RestContext, started: StartedRun, model: string, includeUsage: boolean): Promise<void> {
  const gated = await gateOnStart(started.events);
  if (gated.failure?.code === 'invalid_input') throw runFailure(gated.failure);
  const base = { id: `chatcmpl-${started.runId}`, object: 'chat.completion.chunk', created: unixSeconds(started.createdAt), model, system_fingerprint: null };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  const sse = startSse(context.response, { ping: ': ping\n\n' });
  const nodeTypes = new Map<string, string>();
  try {
    sse.send(chunk({ role: 'assistant', content: '' }));
    for await (const event of gated.events) {
      if (!sse.open) break;
      if (event.type === 'node-started') nodeTypes.set(event.nodeId, event.nodeType);
      else if (event.type === 'text-chunk' && started.mode === 'chatflow' && (nodeTypes.get(event.nodeId) ?? 'answer') === 'answer') sse.send(chunk({ content: event.text }));
      else if (event.type === 'run-finished' || event.type === 'run-failed') finish(sse, event, started, chunk, includeUsage ? { ...base, choices: [], usage: usageOf(event) } : undefined);
    }
  } finally {
    sse.end();
  }
}

function finish(
  sse: SseStream,
  event: Extract<RunEvent, { type: 'run-finished' | 'run-failed' }>,
  started: StartedRun,
  chunk: (delta: Record<string, unknown>, finishReason?: string | null) => unknown,
  usageChunk: unknown,
): void {
  if (event.type === 'run-failed' && event.error.code !== 'cancelled') {
    const failure = runFailure(event.error);
    sse.send({ error: { message: failure.message, type: failure.status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: failure.code } });
    return;
  }
  if (event.type === 'run-finished' && started.mode === 'workflow') sse.send(chunk({ content: outputsAsText(event.outputs) }));
  sse.send(chunk({}, 'stop'));
  if (usageChunk) sse.send(usageChunk);
  sse.write('data: [DONE]\n\n');
}
