import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { percentile, runLoad } from './run-load';
import { startBareServer } from './start-bare-server';

describe('runLoad', () => {
  it('sends every request over at most `concurrency` keep-alive connections and measures them', async () => {
    const sockets = new Set<unknown>();
    let inFlight = 0;
    let maxInFlight = 0;
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      sockets.add(request.socket);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(body);
        setTimeout(() => {
          inFlight -= 1;
          response.end('{"ok":true}');
        }, 2);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const result = await runLoad({ url: `http://127.0.0.1:${port}/x`, concurrency: 4, requests: 60, body: (index) => `{"n":${index}}` });
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    expect(result.failures).toBe(0);
    expect(bodies.sort()).toEqual(Array.from({ length: 60 }, (_, index) => `{"n":${index}}`).sort());
    expect(maxInFlight).toBe(4);
    expect(sockets.size).toBe(4);
    expect(result.p50Ms).toBeGreaterThanOrEqual(2);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(result.rps).toBeGreaterThan(0);
  });

  it('counts answers the check rejects as failures and keeps the first one', async () => {
    const bare = await startBareServer('{"status":"nope"}');
    const result = await runLoad({ url: bare.url, concurrency: 2, requests: 10, accept: (_, body) => body.includes('"ok"') });
    await bare.close();
    expect(result.failures).toBe(10);
    expect(result.firstFailure).toContain('nope');
  });

  it('stops sending after maxDurationMs and reports what it sent', async () => {
    const server = createServer((request, response) => {
      request.resume();
      setTimeout(() => response.end('{}'), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const result = await runLoad({ url: `http://127.0.0.1:${port}/`, concurrency: 2, requests: 10_000, maxDurationMs: 150 });
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    expect(result.requests).toBeGreaterThan(2);
    expect(result.requests).toBeLessThan(40);
    expect(result.latenciesMs.length).toBe(result.requests);
    expect(result.failures).toBe(0);
    expect(result.latenciesMs[0]).toBeGreaterThanOrEqual(19);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Float64Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
  });
});
