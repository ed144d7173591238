import type OpenAI from 'openai';
import type { CallOptions, GenerateResult, LanguageModel, StreamPart, ToolCall } from '../../spec';
import { buildOpenAIChatRequest } from './build-openai-chat-request';
import { mapOpenAIError } from './map-openai-error';
import type { OpenAICallSite } from './map-openai-error';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';
import { toStreamParts } from './openai-stream-parts';

export interface OpenAILanguageModelSettings {
  client: OpenAI;
  provider: string;
  modelId: string;
  baseURL: string;
  useMaxCompletionTokens: boolean;
}

function requestOptions(options: CallOptions) {
  return {
    maxRetries: 0,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  };
}

/** A chat model served by an OpenAI(-compatible) API through the official SDK. */
export function createOpenAILanguageModel(settings: OpenAILanguageModelSettings): LanguageModel {
  const { client, provider, modelId, baseURL } = settings;
  const siteFor = (options: CallOptions): OpenAICallSite => ({ provider, modelId, baseURL, signal: options.signal });

  return {
    provider,
    modelId,

    async doGenerate(options: CallOptions): Promise<GenerateResult> {
      const body = buildOpenAIChatRequest(options, settings);
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create({ ...body, stream: false }, requestOptions(options));
      } catch (error) {
        throw mapOpenAIError(error, siteFor(options));
      }
      const choice = completion.choices?.[0];
      if (choice === undefined) {
        throw mapOpenAIError(new SyntaxError('the completion has no choices'), siteFor(options));
      }
      const toolCalls: ToolCall[] = (choice.message.tool_calls ?? []).flatMap((call) =>
        call.type === 'function' ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : [],
      );
      return {
        text: choice.message.content ?? '',
        toolCalls,
        finishReason: mapOpenAIFinishReason(choice.finish_reason),
        usage: {
          inputTokens: completion.usage?.prompt_tokens ?? 0,
          outputTokens: completion.usage?.completion_tokens ?? 0,
        },
      };
    },

    async *doStream(options: CallOptions): AsyncGenerator<StreamPart> {
      const body = buildOpenAIChatRequest(options, settings);
      let chunks;
      try {
        chunks = await client.chat.completions.create(
          { ...body, stream: true, stream_options: { include_usage: true } },
          requestOptions(options),
        );
      } catch (error) {
        throw mapOpenAIError(error, siteFor(options));
      }
      // Leaving this loop early (break, return, throw) makes the SDK abort the HTTP request.
      yield* toStreamParts(chunks, siteFor(options));
    },
  };
}
