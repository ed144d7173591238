import { countTokens as countO200kTokens } from 'gpt-tokenizer';

/** Tokens of a text in the o200k_base encoding (GPT-4o family), the same counter the gateway uses. */
export function countTokens(text: string): number {
  return text === '' ? 0 : countO200kTokens(text);
}
