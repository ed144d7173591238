import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { unusedPort } from '@weft/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from './node-http-fetch';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

describe('createNodeHttpFetch', () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, Handler>();
  const servedOn = new WeakMap<Socket, number>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const socket = request.socket;
      servedOn.set(socket, (servedOn.get(socket) ?? 0) + 1);
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => routes.get(new URL(request.url ?? '/', 'http://x').pathname)?.(request, response, body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body, and answers a WHATWG Response', async () => {
    routes.set('/echo', (request, response, body) => {
      response.writeHead(201, { 'content-type': 'application/json', 'x-seen': String(request.headers['x-custom']) });
      response.end(JSON.stringify({ method: request.method, body, length: request.headers['content-length'] }));
    });
    const fetch = createNodeHttpFetch();
    const response = await fetch(`${base}/echo`, { method: 'POST', headers: new Headers({ 'X-Custom': 'yes' }), body: 'héllo' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-seen')).toBe('yes');
    expect(await response.json()).toEqual({ method: 'POST', body: 'héllo', length: '6' });
  });

  it('hands body chunks over as they arrive, before the server has finished', async () => {
    let finish: () => void = () => undefined;
    routes.set('/stream', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      finish = () => response.end('data: last\n\n');
    });
    const response = await createNodeHttpFetch()(`${base}/stream`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: first\n\n');
    finish();
    const rest: string[] = [];
    for (let part = await reader.read(); !part.done; part = await reader.read()) rest.push(new TextDecoder().decode(part.value));
    expect(rest.join('')).toBe('data: last\n\n');
  });

  it("rejects with the signal's reason when aborted before the answer, and errors the body when aborted during it", async () => {
    routes.set('/slow', () => undefined); // never answers
    const early = new AbortController();
    const pending = createNodeHttpFetch()(`${base}/slow`, { signal: early.signal });
    early.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    routes.set('/half', (_request, response) => {
      response.writeHead(200);
      response.write('part');
    });
    const late = new AbortController();
    const response = await createNodeHttpFetch()(`${base}/half`, { signal: late.signal });
    const reader = response.body!.getReader();
    await reader.read();
    late.abort(new DOMException('stop', 'TimeoutError'));
    await expect(reader.read()).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects an unreachable server with TypeError("fetch failed") carrying the cause, and a body cut short with "terminated"', async () => {
    const port = await unusedPort();
    const refused = await createNodeHttpFetch()(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TypeError);
    expect(refused).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });

    routes.set('/cut', (_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('only part');
      setTimeout(() => response.socket?.destroy(), 10);
    });
    const response = await createNodeHttpFetch()(`${base}/cut`);
    const cut = await response.text().catch((error: unknown) => error);
    expect(cut).toBeInstanceOf(TypeError);
    expect(cut).toMatchObject({ message: 'terminated' });
  });

  it('sends a request again on a fresh connection when a reused keep-alive socket turns out closed', async () => {
    // The server drops every connection on its second request, as a server closing an idle socket would.
    routes.set('/once-per-socket', (request, response) => {
      if ((servedOn.get(request.socket) ?? 0) > 1) request.socket.destroy();
      else response.end('fresh');
    });
    const fetch = createNodeHttpFetch();
    expect(await (await fetch(`${base}/once-per-socket`)).text()).toBe('fresh');
    expect(await (await fetch(`${base}/once-per-socket`, { method: 'POST', body: '{}' })).text()).toBe('fresh');
  });

  it('answers 204 with a null body, and leaves bodies it does not send itself to the fallback', async () => {
    routes.set('/empty', (_request, response) => {
      response.writeHead(204);
      response.end();
    });
    const fallbackCalls: string[] = [];
    const fetch = createNodeHttpFetch({
      fallback: async (input) => {
        fallbackCalls.push(String(input));
        return new Response('from fallback');
      },
    });
    const empty = await fetch(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const form = new FormData();
    form.set('file', new Blob(['x']), 'x.txt');
    expect(await (await fetch(`${base}/upload`, { method: 'POST', body: form })).text()).toBe('from fallback');
    expect(fallbackCalls).toEqual([`${base}/upload`]);
  });
});
