import type { PrismaClient } from '@weft/db';
import type { RunErrorInfo, RunEvent, RunResult } from '@weft/workflow-engine/spec';
import type { StartedRun } from '../services/contracts';
import type { AppRecord } from './app-directory';

const storedRunSelect = {
  id: true,
  appId: true,
  status: true,
  inputs: true,
  outputs: true,
  error: true,
  elapsedMs: true,
  inputTokens: true,
  outputTokens: true,
  conversationId: true,
  createdAt: true,
  finishedAt: true,
  message: { select: { id: true, answer: true } },
} as const;

export type StoredRun = NonNullable<Awaited<ReturnType<typeof readStoredRun>>>;

export function readStoredRun(prisma: PrismaClient, runId: string) {
  return prisma.run.findUnique({ where: { id: runId }, select: storedRunSelect });
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function errorOf(value: unknown): RunErrorInfo | undefined {
  const record = asRecord(value);
  if (typeof record.code !== 'string' || typeof record.message !== 'string') return undefined;
  return { code: record.code, message: record.message, ...(typeof record.nodeId === 'string' ? { nodeId: record.nodeId } : {}) };
}

/**
 * A finished stored run as a `StartedRun` (Idempotency-Key replays): the result as stored, and a short event stream
 * (run-started, the answer as one text chunk, run-finished / run-failed) so a streaming client gets the same answer.
 */
export function replayStoredRun(app: AppRecord, stored: StoredRun): StartedRun {
  const usage = { inputTokens: stored.inputTokens, outputTokens: stored.outputTokens };
  const answer = stored.message?.answer ?? '';
  const status = stored.status === 'running' ? 'failed' : stored.status;
  const error = errorOf(stored.error);
  const result: RunResult = {
    runId: stored.id,
    status,
    outputs: asRecord(stored.outputs),
    answer,
    ...(error ? { error } : {}),
    elapsedMs: stored.elapsedMs,
    usage,
    nodes: {},
    cachedNodeIds: [],
  };
  const startedAt = stored.createdAt.getTime();
  const finishedAt = stored.finishedAt?.getTime() ?? startedAt + stored.elapsedMs;
  const events: RunEvent[] = [{ type: 'run-started', runId: stored.id, at: startedAt, inputs: asRecord(stored.inputs) }];
  if (answer !== '') events.push({ type: 'text-chunk', runId: stored.id, nodeId: 'answer', text: answer });
  events.push(
    status === 'succeeded'
      ? { type: 'run-finished', runId: stored.id, at: finishedAt, outputs: result.outputs, elapsedMs: stored.elapsedMs, usage, cachedNodeIds: [] }
      : { type: 'run-failed', runId: stored.id, at: finishedAt, error: error ?? { code: status, message: `The run ended ${status}.` }, elapsedMs: stored.elapsedMs, usage },
  );
  return {
    runId: stored.id,
    taskId: stored.id,
    appId: app.id,
    mode: app.mode,
    ...(stored.conversationId ? { conversationId: stored.conversationId } : {}),
    ...(stored.message ? { messageId: stored.message.id } : {}),
    createdAt: startedAt,
    events: {
      async *[Symbol.asyncIterator]() {
        yield* events;
      },
    },
    result: Promise.resolve(result),
    replayed: true,
  };
}
