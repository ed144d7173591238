import type { PrismaClient } from '@weft/db';
import type { Logger } from '@weft/workflow-engine/spec';

export interface RunRow {
  id: string;
  appId: string;
  versionId: string | null;
  source: 'debugger' | 'api' | 'webapp';
  status: 'succeeded' | 'failed' | 'cancelled';
  inputs: unknown;
  outputs: unknown;
  error: unknown;
  elapsedMs: number;
  inputTokens: number;
  outputTokens: number;
  conversationId: string | null;
  idempotencyKey: string | null;
  createdById: string | null;
  endUser: string | null;
  createdAt: Date;
  finishedAt: Date;
}

export interface NodeRunRow {
  id: string;
  runId: string;
  nodeId: string;
  nodeType: string;
  title: string;
  status: 'succeeded' | 'failed' | 'skipped' | 'cancelled';
  inputs: unknown;
  outputs: unknown;
  error: unknown;
  elapsedMs: number;
  inputTokens: number;
  outputTokens: number;
  cached: boolean;
  index: number;
}

export interface ConversationRow {
  id: string;
  appId: string;
  endUser: string;
  name: string;
  inputs: unknown;
  createdAt: Date;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  runId: string;
  query: string;
  answer: string;
  inputs: unknown;
  usage: unknown;
  retrievalSources: unknown;
  createdAt: Date;
}

/** Everything one finished run leaves in the database. */
export interface RunTrace {
  run: RunRow;
  /** True when the row was inserted when the run started (Idempotency-Key reservation): it is updated instead. */
  reserved: boolean;
  nodeRuns: NodeRunRow[];
  /** Chat runs: the conversation to create (first turn) and to mark as updated. */
  conversation?: { create?: ConversationRow; id: string };
  message?: MessageRow;
}

export interface TraceWriter {
  /** Queues a trace; resolves once it is stored (or was dropped after logging why). Never rejects. */
  write(trace: RunTrace): Promise<void>;
  /** Writes everything queued so far. */
  flush(): Promise<void>;
  /** Flushes, then stops the timer. Later writes are stored at once, one transaction each. */
  close(): Promise<void>;
}

export interface TraceWriterOptions {
  prisma: PrismaClient;
  logger: Logger;
  /** Longest time a trace waits in the queue. Default 50 ms. */
  flushIntervalMs?: number;
  /** A batch this large is written at once. Default 200 runs. */
  maxBatch?: number;
}

interface Pending {
  trace: RunTrace;
  done: () => void;
}

// The whole batch is ONE statement: each table's rows arrive as one JSON array (json_to_recordset) and are written
// by data-modifying CTEs. One statement is atomic without BEGIN/COMMIT round trips, and foreign keys are checked at
// its end, so a message may reference a conversation inserted beside it. Prisma's createMany built per-row queries
// and cost 10-25x more; on embedded PGlite every round trip is main-thread CPU.
const recordset = (key: string, columns: string) => `json_to_recordset($1::json -> '${key}') AS x(${columns})`;
const runColumns =
  'id text, "appId" text, "versionId" text, source run_source, status run_status, inputs jsonb, outputs jsonb, error jsonb, "elapsedMs" int, ' +
  '"inputTokens" int, "outputTokens" int, "conversationId" text, "idempotencyKey" text, "createdById" text, "endUser" text, "createdAt" timestamptz, "finishedAt" timestamptz';
const writeBatch = `WITH
conversation_rows AS (
  INSERT INTO conversations (id, "appId", "endUser", name, inputs, "createdAt", "updatedAt")
  SELECT id, "appId", "endUser", name, inputs, "createdAt", "createdAt"
  FROM ${recordset('conversations', 'id text, "appId" text, "endUser" text, name text, inputs jsonb, "createdAt" timestamptz')}
  ON CONFLICT (id) DO NOTHING RETURNING 1),
run_rows AS (
  INSERT INTO runs (id, "appId", "versionId", source, status, inputs, outputs, error, "elapsedMs", "inputTokens", "outputTokens", "conversationId", "idempotencyKey", "createdById", "endUser", "createdAt", "finishedAt")
  SELECT id, "appId", "versionId", source, status, inputs, outputs, error, "elapsedMs", "inputTokens", "outputTokens", "conversationId", "idempotencyKey", "createdById", "endUser", "createdAt", "finishedAt"
  FROM ${recordset('runs', runColumns)} RETURNING 1),
reserved_rows AS (
  UPDATE runs AS r SET "versionId" = x."versionId", status = x.status, inputs = x.inputs, outputs = x.outputs, error = x.error, "elapsedMs" = x."elapsedMs",
    "inputTokens" = x."inputTokens", "outputTokens" = x."outputTokens", "conversationId" = x."conversationId", "finishedAt" = x."finishedAt"
  FROM ${recordset('reserved', runColumns)} WHERE r.id = x.id RETURNING 1),
node_run_rows AS (
  INSERT INTO node_runs (id, "runId", "nodeId", "nodeType", title, status, inputs, outputs, error, "elapsedMs", "inputTokens", "outputTokens", cached, index)
  SELECT id, "runId", "nodeId", "nodeType", title, status, inputs, outputs, error, "elapsedMs", "inputTokens", "outputTokens", cached, index
  FROM ${recordset('nodeRuns', 'id text, "runId" text, "nodeId" text, "nodeType" text, title text, status node_run_status, inputs jsonb, outputs jsonb, error jsonb, "elapsedMs" int, "inputTokens" int, "outputTokens" int, cached boolean, index int')}
  RETURNING 1),
message_rows AS (
  INSERT INTO messages (id, "conversationId", "runId", query, answer, inputs, usage, "retrievalSources", "createdAt")
  SELECT id, "conversationId", "runId", query, answer, inputs, usage, "retrievalSources", "createdAt"
  FROM ${recordset('messages', 'id text, "conversationId" text, "runId" text, query text, answer text, inputs jsonb, usage jsonb, "retrievalSources" jsonb, "createdAt" timestamptz')}
  RETURNING 1),
touched_rows AS (
  UPDATE conversations AS c SET "updatedAt" = GREATEST(c."updatedAt", t.at)
  FROM (SELECT id, max(at) AS at FROM ${recordset('touched', 'id text, at timestamptz')} GROUP BY id) AS t
  WHERE c.id = t.id RETURNING 1)
SELECT (SELECT count(*) FROM run_rows) + (SELECT count(*) FROM reserved_rows) AS runs,
  (SELECT count(*) FROM node_run_rows) AS node_runs, (SELECT count(*) FROM message_rows) AS messages,
  (SELECT count(*) FROM conversation_rows) AS conversations, (SELECT count(*) FROM touched_rows) AS touched`;

/**
 * Batches run traces off the request path: every `flushIntervalMs` (or every `maxBatch` runs) the queued runs,
 * node runs, conversations and messages go to the database in ONE set-based statement.
 * If a batch fails, its traces are retried one transaction each, so one bad trace cannot lose the others.
 */
export function createTraceWriter(options: TraceWriterOptions): TraceWriter {
  const { prisma, logger } = options;
  const flushIntervalMs = options.flushIntervalMs ?? 50;
  const maxBatch = options.maxBatch ?? 200;
  let queue: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  function batchJson(traces: RunTrace[]): string {
    return JSON.stringify({
      conversations: traces.flatMap((trace) => (trace.conversation?.create ? [trace.conversation.create] : [])),
      runs: traces.filter((trace) => !trace.reserved).map((trace) => trace.run),
      reserved: traces.filter((trace) => trace.reserved).map((trace) => trace.run),
      nodeRuns: traces.flatMap((trace) => trace.nodeRuns),
      messages: traces.flatMap((trace) => (trace.message ? [trace.message] : [])),
      // A conversation is updated as of its latest turn, not as of this flush: traces are written late and batched,
      // and the order of conversations (Dify's sort_by=-updated_at) must not depend on when a batch happened to land.
      touched: traces.flatMap((trace) => (trace.conversation ? [{ id: trace.conversation.id, at: trace.message?.createdAt ?? trace.run.createdAt }] : [])),
    });
  }

  async function store(batch: Pending[]): Promise<void> {
    try {
      await prisma.$queryRawUnsafe(writeBatch, batchJson(batch.map((pending) => pending.trace)));
    } catch (batchError) {
      if (batch.length === 1) {
        logger.error('a run trace could not be stored and was dropped', { runId: batch[0]!.trace.run.id, error: batchError });
      } else {
        logger.warn('a batch of run traces failed; storing them one by one', { runs: batch.length, error: batchError });
        for (const pending of batch) await store([pending]);
        return;
      }
    }
    for (const pending of batch) pending.done();
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await store(batch);
    }
  }

  function flush(): Promise<void> {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    chain = chain.then(drain);
    return chain;
  }

  return {
    write(trace) {
      return new Promise<void>((done) => {
        queue.push({ trace, done });
        if (closed || queue.length >= maxBatch) void flush();
        else if (timer === undefined) {
          timer = setTimeout(() => void flush(), flushIntervalMs);
          timer.unref();
        }
      });
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
