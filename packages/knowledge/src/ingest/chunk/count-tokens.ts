import { createRequire } from 'node:module';
import type * as GptTokenizer from 'gpt-tokenizer';

let tokenizer: typeof GptTokenizer | undefined;

/** Tokens of a text in the o200k_base encoding (GPT-4o family), the same counter the gateway uses. */
export function countTokens(text: string): number {
  if (text === '') return 0;
  // Its BPE tables take ~70 MB resident: required on the first count (ingestion), not when the package loads, and
  // through the CommonJS entry so the gateway's counter shares the one instance.
  tokenizer ??= createRequire(import.meta.url)('gpt-tokenizer') as typeof GptTokenizer;
  return tokenizer.countTokens(text);
}
