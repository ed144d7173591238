import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

type Fetch = typeof globalThis.fetch;

export interface NodeHttpFetchOptions {
  /** Idle keep-alive sockets kept per origin. Default 256. */
  maxFreeSockets?: number;
  /** How long an idle kept-alive socket stays open. Default 4,000 ms. */
  idleSocketMs?: number;
  /** Used for bodies this transport does not send itself (streams, form data, blobs). Default: the global fetch. */
  fallback?: Fetch;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function headerPairs(headers: RequestInit['headers']): Iterable<[string, string]> {
  if (headers === undefined) return [];
  if (headers instanceof Headers || Array.isArray(headers)) return headers as Iterable<[string, string]>;
  return Object.entries(headers as Record<string, string>);
}

function bodyBytes(body: RequestInit['body']): string | Uint8Array | undefined | false {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return false; // streams, FormData, Blob, URLSearchParams: the fallback's job
}

function responseHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index] as string, raw[index + 1] as string);
  return headers;
}

/** The response body as a web stream that pauses the socket while the reader is behind. */
function bodyStream(message: IncomingMessage, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) controller.close();
        else controller.error(error);
      };
      const onAbort = () => {
        settle(abortError(signal as AbortSignal));
        message.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      message.on('data', (chunk: Buffer) => {
        if (settled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) message.pause();
      });
      message.once('end', () => settle());
      // Like the built-in fetch: a body cut short is a TypeError('terminated') whose cause says why.
      message.once('error', (error) => settle(new TypeError('terminated', { cause: error })));
      // A connection cut before the end: no 'end', and not always an 'error'.
      message.once('close', () => {
        if (!message.complete) settle(new TypeError('terminated', { cause: new Error('the connection closed before the body ended') }));
      });
    },
    pull() {
      message.resume();
    },
    cancel() {
      message.destroy();
    },
  });
}

/**
 * A `fetch` for the OpenAI SDK over `node:http`/`node:https` with keep-alive agents. The SDK only needs a WHATWG
 * Response, and Node's built-in fetch (undici) spends several times more CPU per request on its request/response
 * machinery: under 50 concurrent streams it was about a sixth of the API's CPU. Like the built-in fetch it
 * sends no Accept-Encoding (so bodies arrive uncompressed), rejects with a TypeError when the connection fails, and
 * with the signal's reason when aborted.
 */
export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): Fetch {
  // Idle sockets close after 4 s: before the 5 s keep-alive timeout of Node servers, so reuse rarely meets a closing one.
  const agentOptions = { keepAlive: true, maxFreeSockets: options.maxFreeSockets ?? 256, scheduling: 'lifo' as const, timeout: options.idleSocketMs ?? 4_000 };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  const fallback = options.fallback ?? globalThis.fetch;

  return (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = bodyBytes(init.body);
    const secure = url.protocol === 'https:';
    if (input instanceof Request || body === false || (!secure && url.protocol !== 'http:')) return fallback(input, init);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(abortError(signal));

    const headers: Record<string, string> = {};
    for (const [name, value] of headerPairs(init.headers)) headers[name.toLowerCase()] = value;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const send = secure ? httpsRequest : httpRequest;
    const agent = secure ? httpsAgent : httpAgent;

    return new Promise<Response>((resolve, reject) => {
      const attempt = (retryStaleSocket: boolean) => {
        const request = send(url, { method: init.method ?? 'GET', headers, agent });
        const onAbort = () => {
          request.destroy();
          reject(abortError(signal as AbortSignal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        request.once('error', (error: NodeJS.ErrnoException) => {
          signal?.removeEventListener('abort', onAbort);
          if (signal?.aborted) return;
          // A kept-alive socket the server closed just as we reused it: the request never reached it, so send it
          // once more on a fresh connection (what Node's documentation advises for keep-alive agents).
          if (retryStaleSocket && request.reusedSocket && error.code === 'ECONNRESET') attempt(false);
          else reject(new TypeError('fetch failed', { cause: error }));
        });
        request.once('response', (message) => {
          signal?.removeEventListener('abort', onAbort);
          const status = message.statusCode ?? 502;
          const empty = status === 204 || status === 205 || status === 304 || init.method === 'HEAD';
          if (empty) message.resume();
          resolve(new Response(empty ? null : bodyStream(message, signal), { status, statusText: message.statusMessage ?? '', headers: responseHeaders(message) }));
        });
        request.end(body);
      };
      attempt(true);
    });
  };
}
