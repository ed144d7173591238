import type { ServerResponse } from 'node:http';

export interface SseStream {
  /** `data: <json>\n\n`; false once the client is gone. */
  send(payload: unknown): boolean;
  /** A raw SSE block (e.g. `data: [DONE]\n\n`). */
  write(text: string): boolean;
  readonly open: boolean;
  end(): void;
}

export interface SseOptions {
  /** The keep-alive block written every `pingMs` (Dify: `event: ping`). */
  ping: string;
  pingMs?: number;
  headers?: Record<string, string>;
}

/** Starts an SSE response: headers, a periodic ping so proxies keep the connection, and JSON events. */
export function startSse(response: ServerResponse, options: SseOptions): SseStream {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...options.headers,
  });
  response.flushHeaders();
  let open = true;
  const close = () => {
    open = false;
    clearInterval(timer);
  };
  const timer = setInterval(() => {
    if (open) response.write(options.ping);
  }, options.pingMs ?? 10_000);
  timer.unref();
  response.once('close', close);
  const stream: SseStream = {
    send: (payload) => stream.write(`data: ${JSON.stringify(payload)}\n\n`),
    write(text) {
      if (!open || response.destroyed) return false;
      response.write(text);
      return true;
    },
    get open() {
      return open && !response.destroyed;
    },
    end() {
      close();
      if (!response.writableEnded) response.end();
    },
  };
  return stream;
}
