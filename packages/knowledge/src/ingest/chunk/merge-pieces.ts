import { countTokens } from './count-tokens';
import { isHighSurrogate, type Piece } from './split-text';

const cjk = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/;
const maxCharactersPerToken = 16;

/**
 * Packs consecutive pieces into chunks of at most `maxTokens` (counted exactly on the joined text), each
 * chunk after the first starting with up to `overlapTokens` from the end of the one before. The overlap
 * shrinks when it would leave no room for the next piece, so every chunk brings new text.
 */
export function mergePieces(pieces: readonly Piece[], maxTokens: number, overlapTokens: number): string[] {
  const chunks: string[] = [];
  let carry = '';
  let next = 0;
  while (next < pieces.length) {
    const taken: Piece[] = [];
    let estimate = countTokens(carry);
    while (next < pieces.length) {
      const piece = pieces[next] as Piece;
      let tokens = estimate + piece.tokens;
      if (tokens > maxTokens) {
        tokens = countTokens(carry + joined(taken) + piece.text);
        if (tokens > maxTokens && taken.length > 0) break;
        if (tokens > maxTokens) {
          carry = shrinkCarry(carry, piece, maxTokens);
          tokens = countTokens(carry + piece.text);
        }
      }
      taken.push(piece);
      estimate = tokens;
      next += 1;
    }
    // Token counts of joined text are not exactly additive: give pieces back until the chunk fits.
    while (countTokens(carry + joined(taken)) > maxTokens) {
      if (taken.length === 1) {
        carry = '';
        break;
      }
      taken.pop();
      next -= 1;
    }
    const body = joined(taken);
    const content = (carry + body).trim();
    if (content !== '') chunks.push(content);
    carry = overlapTokens > 0 && next < pieces.length ? tailWithin(body, overlapTokens) : '';
  }
  return chunks;
}

function joined(pieces: readonly Piece[]): string {
  return pieces.map((piece) => piece.text).join('');
}

function shrinkCarry(carry: string, piece: Piece, maxTokens: number): string {
  const shrunk = tailWithin(carry, maxTokens - piece.tokens - 1);
  return countTokens(shrunk + piece.text) <= maxTokens ? shrunk : '';
}

/** The longest end of `text` within `budget` tokens, starting at a word boundary in space-delimited text. */
export function tailWithin(text: string, budget: number): string {
  if (budget <= 0 || text === '') return '';
  if (countTokens(text) <= budget) return text;
  let low = Math.max(0, text.length - budget * maxCharactersPerToken);
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (countTokens(text.slice(middle)) <= budget) high = middle;
    else low = middle + 1;
  }
  let start = low;
  if (start > 0 && start < text.length && isHighSurrogate(text.charCodeAt(start - 1))) start += 1;
  const before = text[start - 1] ?? ' ';
  const after = text[start] ?? ' ';
  const insideWord = /\S/.test(before) && /\S/.test(after) && !cjk.test(before) && !cjk.test(after);
  // Space-delimited text: begin at the next word. Without a space in the tail there are no words to respect.
  const space = insideWord ? text.slice(start).search(/\s/) : -1;
  return text.slice(space < 0 ? start : start + space + 1);
}
