import type { Prisma } from '@weft/db';
import type { RunEvent, RunResult } from '@weft/workflow-engine/spec';
import type { RunSource } from '../services/contracts';
import type { NodeRunRow, RunTrace } from './trace-writer';
import { uuidV7 } from './uuid-v7';

type NodeFinished = Extract<RunEvent, { type: 'node-finished' }>;

export interface RunTraceContext {
  runId: string;
  appId: string;
  versionId: string | null;
  source: RunSource;
  user: string;
  inputs: Record<string, unknown>;
  createdAt: number;
  finishedAt: number;
  idempotencyKey: string | undefined;
  reserved: boolean;
  /** Chat runs that belong to a stored conversation. */
  chat?: {
    conversationId: string;
    /** Present on the first turn: the conversation row to create. */
    newConversation?: { name: string; inputs: Record<string, unknown> };
    messageId: string;
    query: string;
  };
}

const nodeStatus = { succeeded: 'succeeded', cached: 'succeeded', failed: 'failed', skipped: 'skipped' } as const;

/** Turns a finished run and its node-finished events into the rows the trace writer stores. */
export function buildRunTrace(context: RunTraceContext, result: RunResult, nodeEvents: readonly NodeFinished[]): RunTrace {
  const { runId, chat } = context;
  const debuggerRun = context.source === 'debugger';
  const createdAt = new Date(context.createdAt);
  const nodeRuns: NodeRunRow[] = nodeEvents.map((event, index) => ({
    id: uuidV7(),
    runId,
    nodeId: event.nodeId,
    nodeType: event.nodeType,
    title: event.title,
    status: result.status === 'cancelled' && event.error?.code === 'cancelled' ? 'cancelled' : nodeStatus[event.status],
    inputs: event.inputs,
    outputs: event.outputs,
    error: event.error ?? null,
    elapsedMs: Math.round(event.elapsedMs),
    inputTokens: event.usage?.inputTokens ?? 0,
    outputTokens: event.usage?.outputTokens ?? 0,
    cached: event.status === 'cached',
    index,
  }));
  const trace: RunTrace = {
    run: {
      id: runId,
      appId: context.appId,
      versionId: context.versionId,
      source: context.source,
      status: result.status,
      inputs: context.inputs,
      outputs: result.outputs,
      error: result.error ?? null,
      elapsedMs: Math.round(result.elapsedMs),
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      conversationId: chat?.conversationId ?? null,
      idempotencyKey: context.idempotencyKey ?? null,
      createdById: debuggerRun ? context.user : null,
      endUser: debuggerRun ? null : context.user,
      createdAt,
      finishedAt: new Date(context.finishedAt),
    },
    reserved: context.reserved,
    nodeRuns,
  };
  if (chat) {
    trace.conversation = {
      id: chat.conversationId,
      ...(chat.newConversation
        ? { create: { id: chat.conversationId, appId: context.appId, endUser: context.user, name: chat.newConversation.name, inputs: chat.newConversation.inputs, createdAt } }
        : {}),
    };
    trace.message = {
      id: chat.messageId,
      conversationId: chat.conversationId,
      runId,
      query: chat.query,
      answer: result.answer,
      inputs: context.inputs,
      usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens, elapsedMs: Math.round(result.elapsedMs) },
      retrievalSources: retrievalSources(nodeEvents),
      createdAt,
    };
  }
  return trace;
}

/** Passages found by knowledge-retrieval nodes, in the order the nodes finished. */
export function retrievalSources(nodeEvents: readonly NodeFinished[]): unknown[] {
  const sources: unknown[] = [];
  for (const event of nodeEvents) {
    if (event.nodeType !== 'knowledge-retrieval') continue;
    const result = event.outputs.result;
    if (Array.isArray(result)) sources.push(...(result as unknown[]));
  }
  return sources;
}

/** A JSON value for a Prisma Json field (Prisma serialises it): a top-level null/undefined becomes `{}`. */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return value === undefined || value === null ? {} : (value as Prisma.InputJsonValue);
}
