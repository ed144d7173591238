import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppServices } from '../../services/app-services';
import { startTestServer, type RunningTestServer } from '../../test-support/http';
import { handleRestRequest } from '../handle-rest-request';

/**
 * The real server (`createHttpServer`) when it mounts /v1; until it does, a bare node:http server in front of
 * `handleRestRequest`, so the REST tests always run over real HTTP.
 */
export async function startRestTestServer(services: AppServices): Promise<RunningTestServer> {
  const real = await startTestServer(services);
  const probe = await fetch(`${real.url}/v1/info`);
  await probe.arrayBuffer();
  if (probe.status === 401) return real;
  await real.close();
  const server = createServer((request, response) => void handleRestRequest(request, response, services));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
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

export interface SseRead {
  /** Parsed `data:` payloads in order (`[DONE]` kept as the string). */
  events: unknown[];
  /** `event: ping` blocks and `: ping` comments seen. */
  pings: number;
}

/** Reads a whole SSE body (an axios stream or a fetch body) into its events. */
export async function readSse(body: AsyncIterable<Uint8Array | string>): Promise<SseRead> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of body) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const result: SseRead = { events: [], pings: 0 };
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    if (block === 'event: ping' || block.startsWith(': ping')) {
      result.pings++;
      continue;
    }
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    result.events.push(data === '[DONE]' ? data : JSON.parse(data));
  }
  return result;
}
