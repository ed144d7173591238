import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart } from './parse-multipart';

/** Encodes a form with the platform's own encoder, so the parser is checked against what clients really send. */
async function encode(form: FormData): Promise<{ body: Buffer; boundary: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const boundary = multipartBoundary(request.headers.get('content-type') ?? undefined);
  if (!boundary) throw new Error('no boundary');
  return { body: Buffer.from(await request.arrayBuffer()), boundary };
}

describe('parseMultipart', () => {
  it('reads fields and files as fetch\'s FormData encodes them, binary and odd names included', async () => {
    const bytes = new Uint8Array([0, 13, 10, 45, 45, 255, 13, 10]);
    const form = new FormData();
    form.append('user', 'zoë');
    form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), 'ré"sumé\n.pdf');
    const { body, boundary } = await encode(form);
    const parts = parseMultipart(body, boundary);
    expect(parts.map((part) => [part.name, part.filename, part.contentType])).toEqual([
      ['user', undefined, undefined],
      ['file', 'ré"sumé\n.pdf', 'application/octet-stream'],
    ]);
    expect(parts[0]!.data.toString('utf8')).toBe('zoë');
    expect([...parts[1]!.data]).toEqual([...bytes]);
  });

  it('finds the boundary only in multipart/form-data content types', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc')).toBe('----abc');
    expect(multipartBoundary('multipart/form-data; boundary="quoted b"; charset=utf-8')).toBe('quoted b');
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });

  it('rejects truncated and foreign bodies with invalid_param', async () => {
    const form = new FormData();
    form.append('file', new Blob(['abc']), 'a.txt');
    const { body, boundary } = await encode(form);
    expect(() => parseMultipart(body.subarray(0, body.length - 10), boundary)).toThrow(expect.objectContaining({ code: 'invalid_param' }));
    expect(() => parseMultipart(Buffer.from('no boundary here'), boundary)).toThrow(/boundary never appears/);
    const headerless = Buffer.from(`--${boundary}\r\nX-Other: 1\r\n\r\nvalue\r\n--${boundary}--\r\n`);
    expect(() => parseMultipart(headerless, boundary)).toThrow(/Content-Disposition/);
  });
});
