import { createHash } from 'node:crypto';
import type { ChatRequest, ChatRequestMessage } from './request-schemas';

export const replyPrefix = 'weft test model (not a real LLM) heard: ';

export interface ChatReply {
  text: string | null;
  toolCall: { id: string; name: string; arguments: string } | null;
  finishReason: 'stop' | 'length' | 'tool_calls';
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** Whitespace-separated words: the test model's deterministic stand-in for tokens. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

export function messageText(message: ChatRequestMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
  return '';
}

export function lastUserMessage(request: ChatRequest): string {
  const last = request.messages.findLast((message) => message.role === 'user');
  return last ? messageText(last) : '';
}

function chosenTool(request: ChatRequest, heard: string): string | undefined {
  const tools = request.tools ?? [];
  if (tools.length === 0 || request.tool_choice === 'none') return undefined;
  const choice = request.tool_choice;
  if (choice && typeof choice === 'object') return choice.function.name;
  if (choice === 'required') return tools[0]?.function.name;
  const asked = /use tool ([A-Za-z0-9_.-]+)/.exec(heard)?.[1];
  return tools.find((tool) => tool.function.name === asked)?.function.name;
}

function applyStop(text: string, stop: ChatRequest['stop']): string {
  const sequences = stop === undefined || stop === null ? [] : typeof stop === 'string' ? [stop] : stop;
  let cut = text.length;
  for (const sequence of sequences) {
    const at = sequence === '' ? -1 : text.indexOf(sequence);
    if (at >= 0 && at < cut) cut = at;
  }
  return text.slice(0, cut);
}

function truncateWords(text: string, maxWords: number): string {
  const words = text.match(/\s*\S+/g) ?? [];
  return words.slice(0, maxWords).join('').trimStart();
}

/** The deterministic answer to one chat request. */
export function buildChatReply(request: ChatRequest): ChatReply {
  const heard = lastUserMessage(request);
  const promptTokens = request.messages.reduce((sum, message) => sum + countWords(messageText(message)) + 1, 0);
  const usage = (completion: number) => ({
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
  });

  const toolName = chosenTool(request, heard);
  if (toolName !== undefined) {
    const args = JSON.stringify({ query: heard });
    const id = `call_${createHash('sha256').update(`${toolName}\n${args}`).digest('hex').slice(0, 24)}`;
    return { text: null, toolCall: { id, name: toolName, arguments: args }, finishReason: 'tool_calls', usage: usage(countWords(args)) };
  }

  const sentence = `${replyPrefix}${heard}`;
  const jsonWanted = request.response_format?.type === 'json_object' || request.response_format?.type === 'json_schema';
  let text = jsonWanted ? JSON.stringify({ reply: sentence, model: 'weft-test-model' }) : applyStop(sentence, request.stop);
  let finishReason: ChatReply['finishReason'] = 'stop';
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null && countWords(text) > maxTokens) {
    text = truncateWords(text, maxTokens);
    finishReason = 'length';
  }
  return { text, toolCall: null, finishReason, usage: usage(countWords(text)) };
}

/** Splits text into exactly `count` non-empty pieces when it is long enough (fewer otherwise). */
export function splitIntoChunks(text: string, count: number): string[] {
  if (text === '') return [''];
  const words = text.match(/\s*\S+|\s+$/g) ?? [text];
  if (words.length >= count) {
    const pieces: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const from = Math.floor((index * words.length) / count);
      const to = Math.floor(((index + 1) * words.length) / count);
      pieces.push(words.slice(from, to).join(''));
    }
    return pieces;
  }
  const pieceCount = Math.min(count, text.length);
  const pieces: string[] = [];
  for (let index = 0; index < pieceCount; index += 1) {
    pieces.push(text.slice(Math.floor((index * text.length) / pieceCount), Math.floor(((index + 1) * text.length) / pieceCount)));
  }
  return pieces;
}
