import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSse } from './sse-stream';
import { readSse } from './test-support/read-sse';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('startSse', () => {
  it('sends SSE headers, JSON events and a ping block on its interval until ended', async () => {
    const url = await serve((_request, response) => {
      const sse = startSse(response, { ping: 'event: ping\n\n', pingMs: 30 });
      sse.send({ event: 'first' });
      setTimeout(() => {
        sse.send({ event: 'last', text: 'a\nb' });
        sse.end();
        expect(sse.send({ event: 'after end' })).toBe(false);
      }, 100);
    });
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('no-cache');
    const { events, pings } = await readSse(response.body!);
    expect(events).toEqual([{ event: 'first' }, { event: 'last', text: 'a\nb' }]);
    expect(pings).toBeGreaterThanOrEqual(2);
  });

  it('notices a client that went away and stops pinging', async () => {
    let closedSeen: Promise<boolean> | undefined;
    const url = await serve((_request, response) => {
      const sse = startSse(response, { ping: ': ping\n\n', pingMs: 10 });
      closedSeen = new Promise((resolve) => response.once('close', () => setTimeout(() => resolve(sse.open), 30)));
    });
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    await response.body!.getReader().read();
    controller.abort();
    expect(await closedSeen).toBe(false);
  });
});
