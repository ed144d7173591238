/**
 * Separators are edited as one line of escaped tokens separated by spaces: `\n\n \n .\s`. Invisible characters
 * have escapes (`\n` newline, `\t` tab, `\s` space, `\\` backslash), so what the user sees is what is split on.
 */
const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', s: ' ', '\\': '\\' };
const reverse: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', ' ': '\\s', '\\': '\\\\' };

export function escapeSeparator(separator: string): string {
  return [...separator].map((character) => reverse[character] ?? character).join('');
}

/** Reads one escaped token; throws with the offending escape when it is unknown. */
export function unescapeSeparator(token: string): string {
  let result = '';
  for (let index = 0; index < token.length; index += 1) {
    const character = token[index] as string;
    if (character !== '\\') {
      result += character;
      continue;
    }
    const next = token[index + 1];
    const replacement = next === undefined ? undefined : escapes[next];
    if (replacement === undefined) {
      throw new Error(`Unknown escape "\\${next ?? ''}" in "${token}": use \\n (newline), \\t (tab), \\s (space) or \\\\ (backslash).`);
    }
    result += replacement;
    index += 1;
  }
  return result;
}

export function formatSeparators(separators: readonly string[]): string {
  return separators.map(escapeSeparator).join(' ');
}

/** The separators of a line like `\n\n \n .\s`, in order; throws on a bad escape. */
export function parseSeparators(line: string): string[] {
  return line
    .split(/\s+/)
    .filter((token) => token !== '')
    .map(unescapeSeparator);
}
