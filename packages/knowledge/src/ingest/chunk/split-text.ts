import { countTokens } from './count-tokens';

/** A run of text no longer than the limit it was split for, with its token count. */
export interface Piece {
  text: string;
  tokens: number;
}

/**
 * Tried after the configured separators, so any text can be cut at a sensible place: paragraphs, lines,
 * sentence ends (Chinese and Western), clause marks, then spaces. Chinese text has no spaces, so its
 * sentence punctuation matters most.
 */
const fallbackSeparators = ['\n\n', '\n', '。', '！', '？', '. ', '! ', '? ', '；', '; ', '，', ', ', '、', ' '];

/** Characters per token is at least this small in practice; bounds the window searched for a hard cut. */
const maxCharactersPerToken = 16;

/**
 * Cuts `text` into pieces of at most `maxTokens` tokens: on the first separator that occurs, then
 * recursively on the next ones for parts still too long, and at a token boundary found by search when
 * no separator is left. Each separator stays at the end of the piece before it, so joining the pieces
 * gives back the text.
 */
export function splitText(text: string, separators: readonly string[], maxTokens: number): Piece[] {
  const order = [...new Set([...separators, ...fallbackSeparators])];
  return splitRecursive(text, order, maxTokens);
}

function splitRecursive(text: string, separators: readonly string[], maxTokens: number): Piece[] {
  if (text === '') return [];
  const tokens = countTokens(text);
  if (tokens <= maxTokens) return [{ text, tokens }];
  const index = separators.findIndex((separator) => text.includes(separator));
  if (index < 0) return cutAtTokenLimit(text, maxTokens);
  const separator = separators[index] ?? '';
  const rest = separators.slice(index + 1);
  return splitKeepingSeparator(text, separator).flatMap((part) => splitRecursive(part, rest, maxTokens));
}

function splitKeepingSeparator(text: string, separator: string): string[] {
  const parts = text.split(separator);
  return parts.map((part, index) => (index < parts.length - 1 ? part + separator : part)).filter((part) => part !== '');
}

/** Longest prefixes that fit, found by binary search on their length; never splits a surrogate pair. */
function cutAtTokenLimit(text: string, maxTokens: number): Piece[] {
  const pieces: Piece[] = [];
  let rest = text;
  while (rest !== '') {
    const restTokens = rest.length <= maxTokens * maxCharactersPerToken ? countTokens(rest) : Infinity;
    if (restTokens <= maxTokens) {
      pieces.push({ text: rest, tokens: restTokens });
      break;
    }
    let low = 1;
    let high = Math.min(rest.length, maxTokens * maxCharactersPerToken);
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (countTokens(rest.slice(0, middle)) <= maxTokens) low = middle;
      else high = middle - 1;
    }
    let length = low;
    if (length < rest.length && isHighSurrogate(rest.charCodeAt(length - 1))) length = length > 1 ? length - 1 : 2;
    const piece = rest.slice(0, length);
    pieces.push({ text: piece, tokens: countTokens(piece) });
    rest = rest.slice(length);
  }
  return pieces;
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
