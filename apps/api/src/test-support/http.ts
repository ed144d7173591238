import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '../server';
import type { AppServices } from '../services/app-services';

export interface RunningTestServer {
  /** `http://127.0.0.1:<port>` — no trailing slash. */
  url: string;
  server: Server;
  /** Closes the server, cutting open keep-alive and streaming connections. Does not close the services. */
  close(): Promise<void>;
}

/** Starts the real HTTP server on a free loopback port. */
export async function startTestServer(services: AppServices): Promise<RunningTestServer> {
  const server = createHttpServer(services);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** fetch + JSON body, for tests of plain endpoints. */
export async function fetchJson(url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text so the assertion shows what came back
  }
  return { status: response.status, headers: response.headers, body };
}
