import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import type { CallOptions, ChatMessage } from '../../spec';

export interface ChatRequestSettings {
  modelId: string;
  /** api.openai.com wants `max_completion_tokens`; most compatible servers only know `max_tokens`. */
  useMaxCompletionTokens: boolean;
}

function toMessageParam(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant': {
      const toolCalls = message.toolCalls ?? [];
      if (toolCalls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content === '' ? null : message.content,
        tool_calls: toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    }
  }
}

function toToolChoice(choice: CallOptions['toolChoice']): ChatCompletionToolChoiceOption | undefined {
  if (choice === undefined || typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.name } };
}

function toResponseFormat(format: CallOptions['responseFormat']): ChatCompletionCreateParamsBase['response_format'] {
  if (format === undefined || format.type === 'text') return undefined;
  if (format.schema === undefined) return { type: 'json_object' };
  return { type: 'json_schema', json_schema: { name: 'response', schema: format.schema, strict: false } };
}

/** CallOptions → the body of POST /chat/completions (without `stream`). Undefined fields are left out. */
export function buildOpenAIChatRequest(options: CallOptions, settings: ChatRequestSettings): ChatCompletionCreateParamsBase {
  const body: ChatCompletionCreateParamsBase = {
    model: settings.modelId,
    messages: options.messages.map(toMessageParam),
  };
  if (options.temperature !== undefined) body.temperature = options.temperature;
  if (options.topP !== undefined) body.top_p = options.topP;
  if (options.maxTokens !== undefined) {
    if (settings.useMaxCompletionTokens) body.max_completion_tokens = options.maxTokens;
    else body.max_tokens = options.maxTokens;
  }
  if (options.stop !== undefined && options.stop.length > 0) body.stop = options.stop;
  if (options.tools !== undefined && options.tools.length > 0) {
    body.tools = options.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        parameters: tool.parameters,
        ...(tool.description === undefined ? {} : { description: tool.description }),
      },
    }));
  }
  const toolChoice = toToolChoice(options.toolChoice);
  // OpenAI rejects tool_choice without tools.
  if (toolChoice !== undefined && body.tools !== undefined) body.tool_choice = toolChoice;
  const responseFormat = toResponseFormat(options.responseFormat);
  if (responseFormat !== undefined) body.response_format = responseFormat;
  return body;
}
