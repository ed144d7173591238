import { selectorKey } from '@weft/workflow-engine/spec';

/** Inserts `{{#node.field#}}` at the caret, replacing any selected text; returns the text and the caret after it. */
export function insertReference(text: string, selector: readonly string[], start: number, end: number): { text: string; caret: number } {
  const token = `{{#${selectorKey(selector)}#}}`;
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}
