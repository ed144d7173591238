import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../spec';
import { makeDocx, makeZip } from '../test-support/make-docx';
import { makePdf } from '../test-support/make-pdf';
import { parseDocument } from './parse-document';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function failure(promise: Promise<unknown>): Promise<KnowledgeError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KnowledgeError);
  return error as KnowledgeError;
}

describe('parseDocument: formats', () => {
  it('reads UTF-8 text files (with a BOM too), UTF-16 files with a BOM, and pasted text', async () => {
    expect(await parseDocument('txt', utf8('Hello  world\r\n\r\n\r\nBye'))).toEqual({ text: 'Hello world\n\nBye', metadata: {} });
    expect((await parseDocument('TXT', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('退款政策')]))).text).toBe('退款政策');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('UTF-16 文本', 'utf16le')]);
    expect((await parseDocument('.txt', new Uint8Array(utf16))).text).toBe('UTF-16 文本');
    expect((await parseDocument('text', '  pasted\u0000 text ')).text).toBe('pasted text');
  });

  it('strips Markdown markup but keeps the words, list items, table rows and code', async () => {
    const markdown = [
      '---',
      'author: someone',
      '---',
      '# Refund **policy**',
      '',
      'Refunds are *possible* within [30 days](https://example.com/terms) of purchase. ![logo](logo.png)',
      '',
      '- email `support@example.com`',
      '- keep the receipt',
      '',
      '| Plan | Refund |',
      '|------|--------|',
      '| Pro | full |',
      '',
      '```',
      'refund --order 42',
      '```',
    ].join('\n');
    const parsed = await parseDocument('md', utf8(markdown));
    expect(parsed.metadata).toEqual({ title: 'Refund policy' });
    expect(parsed.text).toContain('Refund policy\n\nRefunds are possible within 30 days of purchase.');
    expect(parsed.text).toContain('* email support@example.com\n* keep the receipt');
    expect(parsed.text).toContain('Plan | Refund\nPro | full');
    expect(parsed.text).toContain('refund --order 42');
    expect(parsed.text).not.toMatch(/author|https:|logo|\*\*|`|---/);
  });

  it('turns HTML into text without scripts, styles, navigation or link targets, and reads the title', async () => {
    const html = `<!doctype html><html><head><title>Shipping &amp; returns</title><style>p { color: red }</style>
      <script>window.secret = 1</script></head><body><nav><a href="/">Home</a></nav>
      <h2>Returns</h2><p>Send it back within <b>30&nbsp;days</b>. See <a href="https://x.test/terms">the terms</a>.</p>
      <table><tr><th>Region</th><th>Days</th></tr><tr><td>EU</td><td>14</td></tr></table><p>运费由我们承担。</p></body></html>`;
    const parsed = await parseDocument('html', utf8(html));
    expect(parsed.metadata).toEqual({ title: 'Shipping & returns' });
    expect(parsed.text).toBe('Returns\n\nSend it back within 30 days. See the terms.\n\nRegion | Days\nEU | 14\n\n运费由我们承担。');
    expect((await parseDocument('htm', utf8('<p>short</p>'))).text).toBe('short');
  });

  it('extracts the text of every page of a real PDF, with its page count and title', async () => {
    const pdf = makePdf([['Refund policy', 'Refunds within 30 days (full amount).'], ['Page two: shipping is free.']], { title: 'Policies' });
    const parsed = await parseDocument('pdf', pdf);
    expect(parsed.text).toBe('Refund policy\nRefunds within 30 days (full amount).\n\nPage two: shipping is free.');
    expect(parsed.metadata).toEqual({ pageCount: 2, title: 'Policies' });
  });

  it('extracts headings, paragraphs and table rows of a real DOCX', async () => {
    const docx = makeDocx([
      { heading: 'Refund policy' },
      { paragraph: 'Refunds are possible within 30 days.' },
      { paragraph: '退款政策：三十天内可退款。' },
      { table: [['Plan', 'Price'], ['Pro', '$10']] },
    ]);
    const parsed = await parseDocument('docx', docx);
    expect(parsed.text).toBe('Refund policy\n\nRefunds are possible within 30 days.\n\n退款政策：三十天内可退款。\n\nPlan | Price\nPro | $10');
  });

  it('writes CSV rows as "column: value" lines, skipping empty cells, with ; or tab delimiters too', async () => {
    const csv = 'name,price,notes\nWidget,"1,50","small, blue"\nGadget,3,\n\n"Quoted ""name""",4,x\n';
    const parsed = await parseDocument('csv', utf8(csv));
    expect(parsed.text).toBe('name: Widget; price: 1,50; notes: small, blue\nname: Gadget; price: 3\nname: Quoted "name"; price: 4; notes: x');
    expect(parsed.metadata).toEqual({ columns: ['name', 'price', 'notes'], rowCount: 3 });
    expect((await parseDocument('csv', utf8('城市;人口\n北京;2189万\n'))).text).toBe('城市: 北京; 人口: 2189万');
    expect((await parseDocument('csv', utf8('a\tb\n1\t2'))).text).toBe('a: 1; b: 2');
  });
});

describe('parseDocument: bad input', () => {
  it('rejects unsupported types, listing the supported ones', async () => {
    const error = await failure(parseDocument('exe', utf8('MZ')));
    expect(error.code).toBe('unsupported_file_type');
    expect(error.message).toContain('"exe"');
    expect(error.message).toContain('txt, md, markdown, html, htm, pdf, docx, csv');
  });

  it('rejects files over the size limit before parsing them', async () => {
    const error = await failure(parseDocument('txt', utf8('x'.repeat(2048)), { maxBytes: 1024 }));
    expect(error.code).toBe('file_too_large');
    expect(error.message).toMatch(/2\.0 KiB, over the 1\.0 KiB limit/);
    expect((await parseDocument('txt', utf8('x'.repeat(1024)), { maxBytes: 1024 })).text).toHaveLength(1024);
  });

  it('rejects a corrupt PDF and a truncated one as corrupt_file', async () => {
    expect((await failure(parseDocument('pdf', utf8('%PDF-1.4\nthis is not really a pdf')))).code).toBe('corrupt_file');
    const truncated = makePdf([['Some text']]).slice(0, 40);
    expect((await failure(parseDocument('pdf', truncated))).code).toBe('corrupt_file');
  });

  it('rejects a zip that is not a DOCX, and bytes that are not a zip, as corrupt_file', async () => {
    const notDocx = await failure(parseDocument('docx', makeZip({ 'notes.txt': 'hello' })));
    expect(notDocx.code).toBe('corrupt_file');
    expect(notDocx.message).toMatch(/not a readable \.docx/);
    expect((await failure(parseDocument('docx', utf8('plain text, not a zip')))).code).toBe('corrupt_file');
  });

  it('rejects binary garbage uploaded as text (invalid UTF-8, or NUL bytes) as corrupt_file', async () => {
    const garbage = new Uint8Array(randomBytes(4096));
    expect((await failure(parseDocument('txt', garbage))).code).toBe('corrupt_file');
    expect((await failure(parseDocument('md', new Uint8Array([0x68, 0x69, 0x00, 0x00, 0x01, 0x02])))).code).toBe('corrupt_file');
    expect((await failure(parseDocument('csv', new Uint8Array([0xc3, 0x28])))).message).toMatch(/not valid UTF-8/);
  });

  it('rejects a CSV with an unclosed quote as corrupt_file', async () => {
    expect((await failure(parseDocument('csv', utf8('a,b\n"open,2\n')))).code).toBe('corrupt_file');
  });

  it('reports documents without text as empty_document, for every format', async () => {
    const empties: [string, Uint8Array | string][] = [
      ['txt', new Uint8Array()],
      ['text', ' \n\t '],
      ['md', utf8('![only an image](a.png)\n\n---\n')],
      ['html', utf8('<html><head><title>t</title></head><body><script>x()</script></body></html>')],
      ['pdf', makePdf([[]])],
      ['docx', makeDocx([{ paragraph: '   ' }])],
      ['csv', utf8('a,b\n')],
    ];
    for (const [kind, source] of empties) {
      const error = await failure(parseDocument(kind, source));
      expect([kind, error.code]).toEqual([kind, 'empty_document']);
    }
    expect((await failure(parseDocument('pdf', makePdf([[]])))).message).toMatch(/OCR/);
  });
});
