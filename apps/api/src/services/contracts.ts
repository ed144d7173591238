import type { RunEvent, RunResult } from '@weft/workflow-engine/spec';

/**
 * Contracts between the API's parts, so the builder routers, the published-app REST layer and the run
 * service can be written and tested separately.
 */

/** Something changed that in-memory hot-path caches (key → app → plan → provider config) must drop. */
export type InvalidationEvent =
  | { type: 'app-published'; appId: string }
  /** Name, icon or description changed: drop the cached app record; the compiled plan stays valid. */
  | { type: 'app-updated'; appId: string }
  | { type: 'app-deleted'; appId: string }
  | { type: 'api-key-revoked'; apiKeyId: string; keyHash: string }
  | { type: 'credentials-changed'; workspaceId: string }
  | { type: 'knowledge-base-changed'; knowledgeBaseId: string };

/** Fan-out of invalidations to every API process: Redis pub/sub in server mode, in-process when embedded. */
export interface InvalidationBus {
  /** Resolves after local subscribers ran (and, with Redis, after the message was published). */
  publish(event: InvalidationEvent): Promise<void>;
  subscribe(handler: (event: InvalidationEvent) => void): () => void;
  close(): Promise<void>;
}

export type RunSource = 'debugger' | 'api' | 'webapp';

export interface StartRunRequest {
  appId: string;
  source: RunSource;
  /** `draft` runs the current draft (debugger); `published` the latest published version. */
  target: 'draft' | 'published';
  inputs: Record<string, unknown>;
  /** Chat apps: the user's message (sys.query). */
  query?: string;
  /** Chat apps: continue this conversation (its history feeds LLM memory); absent → a new conversation. */
  conversationId?: string;
  /** The end user (API `user` field) or the builder's user id. */
  user: string;
  files?: unknown[];
  /** Same key + same app within 24 h → the same run is returned, never a second one. */
  idempotencyKey?: string;
}

export interface StartedRun {
  runId: string;
  /** Dify's task id (used by the stop endpoints); weft uses the run id. */
  taskId: string;
  appId: string;
  mode: 'workflow' | 'chatflow';
  conversationId?: string;
  messageId?: string;
  createdAt: number;
  /** Every engine event of the run, from run-started; iterate once. */
  events: AsyncIterable<RunEvent>;
  result: Promise<RunResult>;
  /** True when an Idempotency-Key matched an earlier run: `events` replays nothing new. */
  replayed: boolean;
}

/** Starts and stops runs; owns plan caching, concurrency limits, idempotency and batched trace writes. */
export interface RunService {
  start(request: StartRunRequest): Promise<StartedRun>;
  /** Stops a running task; false when it was not running (already finished or unknown). */
  stop(taskId: string, appId: string): Promise<boolean>;
  /** Waits for queued trace writes (tests and shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
