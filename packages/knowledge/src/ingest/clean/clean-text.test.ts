import { describe, expect, it } from 'vitest';
import { cleanText } from './clean-text';

describe('cleanText', () => {
  it('normalises line ends and whitespace and collapses blank lines', () => {
    expect(cleanText('  Title\r\n\r\n\r\n\r\nFirst\t line   here  \rsecond\u00A0line\n\n\n\nend  ')).toBe(
      'Title\n\nFirst line here\nsecond line\n\nend',
    );
  });

  it('drops control and zero-width characters but keeps line breaks', () => {
    expect(cleanText('a\u0000b\u0007c\u200Bd\uFEFFe\u00ADf\nnext\u001Bline')).toBe('abcdef\nnextline');
  });

  it('turns form feeds (page breaks) into paragraph breaks', () => {
    expect(cleanText('page one\fpage two')).toBe('page one\n\npage two');
  });

  it('keeps CJK text and full-width punctuation intact', () => {
    const chinese = '退款政策：购买后三十天内可以申请全额退款！如有疑问，请联系客服。';
    expect(cleanText(`\u3000\u3000${chinese}\n\n\n日本語のテキスト、한국어 텍스트`)).toBe(`${chinese}\n\n日本語のテキスト、한국어 텍스트`);
  });

  it('composes decomposed accents (NFC) without folding compatibility characters', () => {
    expect(cleanText('cafe\u0301 ＡＢＣ')).toBe('café ＡＢＣ');
  });

  it('returns an empty string for whitespace and control characters only', () => {
    expect(cleanText(' \n\t\u0000 \r\n ')).toBe('');
  });
});
