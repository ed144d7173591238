import { writeEvent, startEventStream } from './http-io';
import type { ChatReply } from './chat-reply';
import { splitIntoChunks } from './chat-reply';
import type { RequestContext } from './request-context';
import { destroyConnection, serverClosing, untilAborted } from './request-context';

interface StreamIdentity {
  id: string;
  created: number;
  model: string;
  includeUsage: boolean;
}

function chunk(identity: StreamIdentity, delta: Record<string, unknown>, finishReason: string | null = null) {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    system_fingerprint: 'fp_weft_test',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(identity.includeUsage ? { usage: null } : {}),
  };
}

function openingDelta(reply: ChatReply): Record<string, unknown> {
  if (reply.toolCall === null) return { role: 'assistant', content: '', refusal: null };
  const { id, name } = reply.toolCall;
  return {
    role: 'assistant',
    content: null,
    tool_calls: [{ index: 0, id, type: 'function', function: { name, arguments: '' } }],
  };
}

function pieceDelta(reply: ChatReply, piece: string): Record<string, unknown> {
  if (reply.toolCall === null) return { content: piece };
  return { tool_calls: [{ index: 0, function: { arguments: piece } }] };
}

/**
 * Streams a reply in OpenAI's SSE format: a role chunk at once, content chunks spread from `ttftMs` to
 * `latencyMs`, a finish chunk, an optional usage chunk, then `[DONE]`. Stream-shaped faults happen here.
 */
export async function streamChatReply(context: RequestContext, reply: ChatReply, identity: StreamIdentity): Promise<void> {
  const { response, control, timers, signal, stats } = context;
  let destroyedByServer = false;
  response.on('close', () => {
    const clientLeft = !response.writableFinished && !destroyedByServer && signal.reason !== serverClosing;
    if (clientLeft) stats.abortedStreams += 1;
  });

  startEventStream(response);
  writeEvent(response, chunk(identity, openingDelta(reply)));

  const pieces = splitIntoChunks(reply.toolCall?.arguments ?? reply.text ?? '', control.chunks);
  const started = Date.now();
  const total = Math.max(control.latencyMs, control.ttftMs);
  const resetAfter = Math.max(1, Math.ceil(pieces.length / 2));

  for (const [index, piece] of pieces.entries()) {
    const dueAt = control.ttftMs + ((total - control.ttftMs) * index) / Math.max(1, pieces.length - 1);
    if (!(await timers.delay(dueAt - (Date.now() - started), signal))) return;
    writeEvent(response, chunk(identity, pieceDelta(reply, piece)));

    if (index === 0 && control.fault === 'stall') {
      await untilAborted(signal);
      return;
    }
    if (index === 0 && control.fault === 'malformed-sse') {
      response.end('data: {"id": "chatcmpl-broken", this chunk is not JSON\n\n');
      return;
    }
    if (index + 1 === resetAfter && control.fault === 'reset-mid-stream') {
      destroyedByServer = true;
      // Let the chunks already written reach the client before the cut, or destroy() would drop them.
      await new Promise<void>((resolve) => response.write('', () => resolve()));
      destroyConnection(response);
      return;
    }
  }

  writeEvent(response, chunk(identity, {}, reply.finishReason));
  if (identity.includeUsage) {
    const { choices: _choices, ...rest } = chunk(identity, {});
    writeEvent(response, { ...rest, choices: [], usage: reply.usage });
  }
  writeEvent(response, '[DONE]');
  response.end();
}
