import type { IncomingMessage, ServerResponse } from 'node:http';

const maxBodyBytes = 10 * 1024 * 1024;

export type BodyReadResult = { ok: true; body: unknown } | { ok: false; message: string; raw: string };

/** Reads and parses a JSON request body; an empty body reads as undefined. */
export async function readJsonBody(request: IncomingMessage): Promise<BodyReadResult> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > maxBodyBytes) return { ok: false, message: 'Request body is larger than 10 MB.', raw: '' };
    parts.push(part);
  }
  const raw = Buffer.concat(parts).toString('utf8');
  if (raw.trim() === '') return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(raw) as unknown };
  } catch {
    return {
      ok: false,
      message: "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
      raw,
    };
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function startEventStream(response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  response.flushHeaders();
}

export function writeEvent(response: ServerResponse, data: unknown): void {
  response.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}
