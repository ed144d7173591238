import { Agent, request as httpRequest } from 'node:http';

export interface LoadRequest {
  /** Full URL (http only: the bench stays on loopback). */
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Body per request; a function lets every request differ (e.g. unique queries that defeat caches). */
  body?: string | ((index: number) => string);
}

export interface LoadOptions extends LoadRequest {
  concurrency: number;
  /** How many requests to send at most. */
  requests: number;
  /** Stop sending new requests after this long (the bench stays bounded on a slow machine). */
  maxDurationMs?: number;
  /** Checks each answer; a thrown error or a false return counts the request as failed. Default: status 200. */
  accept?: (status: number, body: string) => boolean;
}

export interface LoadResult {
  /** Requests sent (fewer than asked when `maxDurationMs` cut the run short). */
  requests: number;
  failures: number;
  /** The first failure, to print when something is wrong. */
  firstFailure: string | undefined;
  elapsedMs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Every request's latency, sorted ascending (to combine interleaved rounds). */
  latenciesMs: Float64Array;
}

/**
 * A small closed-loop load generator: `concurrency` workers on keep-alive connections, each sending its next
 * request when the previous answer (body included, streams to their end) has arrived. Used for weft and for
 * every baseline alike, so the comparison measures the servers, not the tools.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency });
  const latencies = new Float64Array(options.requests);
  const accept = options.accept ?? ((status) => status === 200);
  let next = 0;
  let deadline = Number.POSITIVE_INFINITY;
  let failures = 0;
  let firstFailure: string | undefined;

  const worker = async (): Promise<void> => {
    while (next < options.requests && performance.now() < deadline) {
      const index = next++;
      const body = typeof options.body === 'function' ? options.body(index) : options.body;
      const started = performance.now();
      try {
        const answer = await send(agent, url, options, body);
        if (!accept(answer.status, answer.body)) throw new Error(`status ${answer.status}: ${answer.body.slice(0, 300)}`);
      } catch (error) {
        failures += 1;
        firstFailure ??= (error as Error).message;
      }
      latencies[index] = performance.now() - started;
    }
  };

  const started = performance.now();
  if (options.maxDurationMs !== undefined) deadline = started + options.maxDurationMs;
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  const sent = next; // indices 0 … next-1 were all sent
  const measured = latencies.subarray(0, sent).sort();
  return {
    requests: sent,
    failures,
    firstFailure,
    elapsedMs,
    rps: (sent / elapsedMs) * 1000,
    p50Ms: percentile(measured, 0.5),
    p99Ms: percentile(measured, 0.99),
    latenciesMs: measured,
  };
}

function send(agent: Agent, url: URL, options: LoadRequest, body: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const outgoing = httpRequest(
      { agent, host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: options.method ?? 'POST', headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
