import type { ServerResponse } from 'node:http';
import type { ResolvedControl } from './request-control';
import type { TimerRegistry } from './timer-registry';
import type { ModelTestServerStats } from './types';

/** Everything a route handler needs for one request. */
export interface RequestContext {
  response: ServerResponse;
  body: unknown;
  control: ResolvedControl;
  timers: TimerRegistry;
  /** Aborts when the client goes away or the server closes. */
  signal: AbortSignal;
  stats: ModelTestServerStats;
  /** 1-based, unique per server: used in response ids. */
  requestNumber: number;
  embeddingDimensions: number;
}

/** The abort reason of requests cut short by `server.close()`: those are not client aborts. */
export const serverClosing = new Error('weft test model server is closing');

/** Resolves when `signal` aborts: how a stalled answer waits for the client to give up. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Cuts the connection without an answer, as a crashed upstream would. */
export function destroyConnection(response: ServerResponse): void {
  response.socket?.destroy();
}
