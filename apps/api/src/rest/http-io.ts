import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { AppError } from '../errors';

export const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' } as const;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...jsonHeaders, 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
}

/**
 * Reads the whole body, refusing more than `maxBytes` (by Content-Length before reading, by counting while reading)
 * with 413 `code` so a client can't make the server buffer an unbounded body.
 */
export function readBody(request: IncomingMessage, maxBytes: number, code: 'payload_too_large' | 'file_too_large' = 'payload_too_large'): Promise<Buffer> {
  const tooLarge = () => new AppError(code, `The request body is larger than ${maxBytes} bytes. Send less (the limit is WEFT_MAX_${code === 'file_too_large' ? 'UPLOAD' : 'BODY'}_BYTES).`);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        request.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    request.on('error', (error) => {
      if (!failed) reject(new AppError('bad_request', `The request body could not be read (${error.message}). Send it again.`));
    });
  });
}

/** The body as JSON (an empty body is `{}`); 400 `invalid_param` when it isn't JSON. */
export async function readJson(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const body = await readBody(request, maxBytes);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new AppError('invalid_param', `The request body is not valid JSON (${(error as Error).message}). Send a JSON object with Content-Type: application/json.`);
  }
}

/** Validates with a zod schema; 400 `invalid_param` listing every problem with its field path. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, where = 'body'): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 10).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : where}: ${issue.message}`);
  throw new AppError('invalid_param', `Invalid request ${where}: ${problems.join('; ')}.`);
}

/** Query parameters as a plain object (first value wins). */
export function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (!(name in query)) query[name] = value;
  return query;
}

/** Unix seconds, as Dify sends timestamps. */
export const unixSeconds = (ms: number | Date): number => Math.floor((typeof ms === 'number' ? ms : ms.getTime()) / 1000);
