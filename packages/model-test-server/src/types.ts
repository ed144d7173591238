import type { IncomingHttpHeaders } from 'node:http';
import type { ScriptStep } from './request-control';

export interface ModelTestServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Total time of each answer, in ms (default 0). */
  latencyMs?: number;
  /** Time to the first content chunk of a stream, in ms (default 0). */
  ttftMs?: number;
  /** Content chunks per streamed answer (default 8). */
  chunkCount?: number;
  /** Embedding length when the request does not say `dimensions` (default 64). */
  embeddingDimensions?: number;
}

/** The options that can change while the server runs. */
export type ModelTestServerDefaults = Omit<ModelTestServerOptions, 'port' | 'host'>;

/** Counters since start or the last `resetStats()`; `openConnections` is live. */
export interface ModelTestServerStats {
  /** Every POST /v1/chat/completions, streamed or not. */
  chatRequests: number;
  /** The chat requests with `stream: true`. */
  streamRequests: number;
  embeddingRequests: number;
  /** Texts embedded, summed over embedding requests. */
  embeddingInputs: number;
  /** Streams whose client went away before the server finished them. */
  abortedStreams: number;
  /** TCP connections open right now. */
  openConnections: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
}

export interface ModelTestServer {
  /** Base URL to give an OpenAI client, e.g. `http://127.0.0.1:43210/v1`. */
  readonly url: string;
  readonly port: number;
  readonly stats: ModelTestServerStats;
  /** The last 1,000 requests, oldest first. */
  readonly requests: RecordedRequest[];
  /** Queues per-request overrides, consumed one per chat or embeddings request, first in first out. */
  script(steps: ScriptStep[]): void;
  setDefaults(defaults: ModelTestServerDefaults): void;
  /** Zeroes the counters and forgets recorded requests (the script queue is kept). */
  resetStats(): void;
  /** Ends every open stream and connection, clears every timer, and stops listening. */
  close(): Promise<void>;
}
