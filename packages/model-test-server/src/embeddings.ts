import { countWords } from './chat-reply';
import { embedText, toBase64Floats } from './embed-text';
import { sendJson } from './http-io';
import { missingModelId } from './models';
import { sendInvalidRequest, sendModelNotFound, sendStatusFault } from './openai-errors';
import type { RequestContext } from './request-context';
import { destroyConnection, untilAborted } from './request-context';
import { describeIssue, embeddingRequestSchema } from './request-schemas';

/** POST /v1/embeddings: deterministic trigram vectors, float or base64 encoded. */
export async function handleEmbeddings(context: RequestContext): Promise<void> {
  const { response, control, timers, signal, stats } = context;
  stats.embeddingRequests += 1;
  const parsed = embeddingRequestSchema.safeParse(context.body);
  if (!parsed.success) {
    const { message, param } = describeIssue(parsed.error);
    sendInvalidRequest(response, message, param);
    return;
  }
  const request = parsed.data;
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  stats.embeddingInputs += inputs.length;
  if (request.model === missingModelId) {
    sendModelNotFound(response, request.model);
    return;
  }

  const total = Math.max(control.latencyMs, control.ttftMs);
  if (!(await timers.delay(control.fault === 'reset-mid-stream' ? total / 2 : total, signal))) return;
  if (control.fault !== undefined && sendStatusFault(response, control.fault, control.retryAfterSeconds)) return;
  switch (control.fault) {
    case 'stall':
      await untilAborted(signal);
      return;
    case 'reset-mid-stream':
      destroyConnection(response);
      return;
    case 'malformed-sse':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"object": "list", this body is not JSON');
      return;
  }

  const dimensions = request.dimensions ?? context.embeddingDimensions;
  const base64 = request.encoding_format === 'base64';
  const promptTokens = inputs.reduce((sum, text) => sum + countWords(text), 0);
  sendJson(response, 200, {
    object: 'list',
    data: inputs.map((text, index) => {
      const vector = embedText(text, dimensions);
      return { object: 'embedding', index, embedding: base64 ? toBase64Floats(vector) : vector };
    }),
    model: request.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}
