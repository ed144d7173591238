import { AppError } from '../errors';

export interface MultipartPart {
  name: string;
  /** Present for file fields. */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const malformed = (why: string) =>
  new AppError('invalid_param', `The multipart/form-data body is malformed (${why}). Send it with a form-data encoder (fetch's FormData, curl -F).`);

/** The boundary of a `multipart/form-data` Content-Type, or undefined for other types. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Splits a buffered multipart/form-data body (RFC 7578) into its parts. The body is bounded by the caller. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position < 0) throw malformed('the boundary never appears');
  position += delimiter.length;
  const parts: MultipartPart[] = [];
  for (;;) {
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts; // closing "--"
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a) throw malformed('a boundary line does not end with CRLF');
    const headersStart = position + 2;
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd < 0) throw malformed('a part has no end of headers');
    const end = body.indexOf(separator, headersEnd + 4);
    if (end < 0) throw malformed('the closing boundary is missing');
    parts.push(partOf(body.subarray(headersStart, headersEnd).toString('utf8'), body.subarray(headersEnd + 4, end)));
    position = end + separator.length;
  }
}

function partOf(headerText: string, data: Buffer): MultipartPart {
  let disposition = '';
  let contentType: string | undefined;
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') contentType = value;
  }
  const name = parameter(disposition, 'name');
  if (!/^form-data\b/i.test(disposition) || name === undefined) throw malformed('a part has no Content-Disposition: form-data; name=…');
  const encoded = /;\s*filename\*=(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  const filename = encoded !== undefined ? safeDecode(encoded) : parameter(disposition, 'filename');
  return { name, ...(filename !== undefined ? { filename } : {}), ...(contentType ? { contentType } : {}), data };
}

function parameter(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(header);
  if (!match) return undefined;
  // Browsers and undici percent-encode `"`, CR and LF inside quoted names.
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n') : match[2];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
