/**
 * Normalises extracted text for chunking: Unix line ends, no control or zero-width characters, one space
 * between words, no spaces around line breaks, at most one blank line in a row. NFC only (NFKC would turn
 * full-width CJK punctuation into ASCII), so Chinese, Japanese and Korean text is kept as written.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    // A form feed is a page break in extracted text: keep it as a paragraph break.
    .replace(/\f/g, '\n\n')
    .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD\u200B\u2060\uFEFF]/g, '')
    .replace(/[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
