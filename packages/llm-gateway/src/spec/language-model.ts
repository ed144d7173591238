import type { GatewayError } from './errors';

/** A tool call requested by the model. `arguments` is the raw JSON text the model produced. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A message in a chat conversation. */
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

/** A tool the model may call; `parameters` is a JSON schema object. */
export interface ToolSpec {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
}

/** Token usage as reported by the provider (or counted locally by the usage middleware). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/** Options for one call of a language model. */
export interface CallOptions {
  messages: ChatMessage[];
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  tools?: ToolSpec[];
  /** `required` forces some tool call; a tool name forces that tool. */
  toolChoice?: 'auto' | 'none' | 'required' | { name: string };
  /** `json` asks for a JSON object answer (optionally matching `schema`). */
  responseFormat?: { type: 'text' } | { type: 'json'; schema?: Record<string, unknown> };
  /** Aborting closes the upstream connection and rejects / ends the call with a `cancelled` error. */
  signal?: AbortSignal;
  /** Extra HTTP headers for this call only (providers that speak HTTP send them upstream). */
  headers?: Record<string, string>;
}

/** The result of a blocking call. */
export interface GenerateResult {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
}

/**
 * One part of a streamed answer. A well-formed stream is any number of `text-delta` and `tool-call`
 * parts followed by exactly one `finish` part. Failures after the stream started are delivered as an
 * `error` part (and the stream ends); failures before the first part may also be thrown by the iterator.
 */
export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'tool-call'; toolCall: ToolCall }
  | { type: 'finish'; finishReason: FinishReason; usage: Usage }
  | { type: 'error'; error: GatewayError };

/**
 * A chat language model. Implementations are stateless between calls; middleware wraps one model and
 * returns another with the same interface.
 */
export interface LanguageModel {
  /** Provider name as configured, e.g. `openai` or `ollama`. */
  readonly provider: string;
  /** The model id at the provider, e.g. `gpt-4o-mini`. */
  readonly modelId: string;
  doGenerate(options: CallOptions): Promise<GenerateResult>;
  doStream(options: CallOptions): AsyncIterable<StreamPart>;
}
