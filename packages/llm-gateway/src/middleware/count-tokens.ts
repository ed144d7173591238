import { createRequire } from 'node:module';
import type * as GptTokenizer from 'gpt-tokenizer';
import type { CallOptions, ToolCall } from '../spec';

/** Counts the tokens of a text. The default is gpt-tokenizer's o200k_base (GPT-4o family) encoding. */
export type CountTokens = (text: string) => number;

// Special-token markers in user text are plain text here, not an error.
const plainText = { disallowedSpecial: new Set<string>() };

export const countTextTokens: CountTokens = (text) => (text === '' ? 0 : loadTokenizer().countTokens(text, plainText));

let tokenizer: typeof GptTokenizer | undefined;

/**
 * gpt-tokenizer's BPE tables take ~70 MB resident, and counting is a fallback (no reported usage, tpm estimates):
 * loaded on the first count, not at start. Its CommonJS entry keeps this synchronous, and is the same instance the
 * knowledge package's chunker requires.
 */
function loadTokenizer(): typeof GptTokenizer {
  tokenizer ??= createRequire(import.meta.url)('gpt-tokenizer') as typeof GptTokenizer;
  return tokenizer;
}

// OpenAI's chat format spends about 3 tokens framing each message and 3 priming the reply.
const tokensPerMessage = 3;
const tokensPerReply = 3;

/** Estimates the input tokens of a chat call: messages, tool calls in them, and tool definitions. */
export function countPromptTokens(options: Pick<CallOptions, 'messages' | 'tools'>, count: CountTokens = countTextTokens): number {
  let total = tokensPerReply;
  for (const message of options.messages) {
    total += tokensPerMessage + count(message.content);
    if (message.role === 'assistant' && message.toolCalls) total += countToolCallTokens(message.toolCalls, count);
  }
  if (options.tools && options.tools.length > 0) total += count(JSON.stringify(options.tools));
  return total;
}

export function countToolCallTokens(toolCalls: readonly ToolCall[], count: CountTokens = countTextTokens): number {
  return toolCalls.reduce((sum, call) => sum + count(call.name) + count(call.arguments), 0);
}

export function countEmbeddingTokens(texts: readonly string[], count: CountTokens = countTextTokens): number {
  return texts.reduce((sum, text) => sum + count(text), 0);
}
