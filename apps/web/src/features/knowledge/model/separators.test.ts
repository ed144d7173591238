import { describe, expect, it } from 'vitest';
import { escapeSeparator, formatSeparators, parseSeparators, unescapeSeparator } from './separators';

describe('separators', () => {
  it('shows invisible characters as escapes and reads them back', () => {
    const separators = ['\n\n', '\n', '. ', '。', ' ', '\t', 'a\\b'];
    const line = formatSeparators(separators);
    expect(line).toBe('\\n\\n \\n .\\s 。 \\s \\t a\\\\b');
    expect(parseSeparators(line)).toEqual(separators);
  });

  it('ignores extra whitespace between tokens', () => {
    expect(parseSeparators('  \\n\\n   ,  ')).toEqual(['\n\n', ',']);
    expect(parseSeparators('   ')).toEqual([]);
  });

  it('names an unknown escape and the ones that exist', () => {
    expect(() => unescapeSeparator('\\x')).toThrow(/Unknown escape "\\x" in "\\x".*\\n \(newline\)/);
    expect(() => unescapeSeparator('end\\')).toThrow(/Unknown escape "\\"/);
    expect(escapeSeparator('\r\n')).toBe('\\r\\n');
  });
});
