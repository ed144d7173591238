import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { FinishReason, StreamPart, ToolCall, Usage } from '../../spec';
import { GatewayError } from '../../spec';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';
import { cancelledError, mapOpenAIError } from './map-openai-error';
import type { OpenAICallSite } from './map-openai-error';

interface PartialToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * OpenAI chat chunks → StreamParts: text deltas as they come, tool-call deltas assembled into whole
 * `tool-call` parts, one `finish` (after the usage chunk, which follows the finish_reason chunk), or one `error`.
 */
export async function* toStreamParts(chunks: AsyncIterable<ChatCompletionChunk>, site: OpenAICallSite): AsyncGenerator<StreamPart> {
  const toolCalls = new Map<number, PartialToolCall>();
  let finishReason: FinishReason | undefined;
  let usage: Usage = { inputTokens: 0, outputTokens: 0 };

  try {
    for await (const chunk of chunks) {
      if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      const choice = chunk.choices?.[0];
      if (choice === undefined) continue;
      const delta = choice.delta ?? {};
      if (typeof delta.content === 'string' && delta.content !== '') yield { type: 'text-delta', text: delta.content };
      for (const call of delta.tool_calls ?? []) {
        const current = toolCalls.get(call.index) ?? { id: '', name: '', arguments: '' };
        if (call.id) current.id = call.id;
        if (call.function?.name) current.name += call.function.name;
        if (call.function?.arguments) current.arguments += call.function.arguments;
        toolCalls.set(call.index, current);
      }
      if (choice.finish_reason) finishReason = mapOpenAIFinishReason(choice.finish_reason);
    }
  } catch (error) {
    yield { type: 'error', error: mapOpenAIError(error, site) };
    return;
  }

  // The SDK ends the iteration quietly when the signal aborts.
  if (site.signal?.aborted) {
    yield { type: 'error', error: cancelledError(site) };
    return;
  }
  if (finishReason === undefined) {
    yield {
      type: 'error',
      error: new GatewayError({
        code: 'bad_response',
        provider: site.provider,
        modelId: site.modelId,
        message: `Provider "${site.provider}" (${site.baseURL}) ended the stream for model "${site.modelId}" without a finish_reason. The answer may be cut short: retry, and check that the server speaks OpenAI's streaming format.`,
      }),
    };
    return;
  }
  for (const [index, call] of [...toolCalls.entries()].sort(([a], [b]) => a - b)) {
    const toolCall: ToolCall = { id: call.id || `call_${index}`, name: call.name, arguments: call.arguments };
    yield { type: 'tool-call', toolCall };
  }
  yield { type: 'finish', finishReason, usage };
}
