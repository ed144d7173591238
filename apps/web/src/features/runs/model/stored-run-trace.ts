import { z } from 'zod';
import type { RunErrorInfo } from '@weft/workflow-engine/spec';
import type { NodeTrace, RunTrace } from './run-trace';

const jsonRecord = z.record(z.string(), z.unknown()).catch({});
const errorInfo = z.object({ code: z.string(), message: z.string(), nodeId: z.string().optional() }).optional().catch(undefined);

/** The shape of `runs.get` this screen reads (JSON columns arrive as unknown, so they are parsed here). */
export const storedRunSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  conversationId: z.string().nullable().optional(),
  outputs: jsonRecord.nullable().optional(),
  error: errorInfo.nullable(),
  elapsedMs: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  nodeRuns: z.array(
    z.object({
      nodeId: z.string(),
      nodeType: z.string(),
      title: z.string(),
      status: z.enum(['running', 'succeeded', 'failed', 'skipped', 'cancelled']),
      inputs: jsonRecord,
      outputs: jsonRecord,
      error: errorInfo.nullable(),
      elapsedMs: z.number(),
      inputTokens: z.number(),
      outputTokens: z.number(),
      cached: z.boolean(),
    }),
  ),
});
export type StoredRun = z.infer<typeof storedRunSchema>;

/** A finished run from `runs.get` as the same trace a live run builds, so the canvas shows both alike. */
export function traceFromStoredRun(input: unknown, answerNodeIds: ReadonlySet<string>): RunTrace {
  const run = storedRunSchema.parse(input);
  const nodes: Record<string, NodeTrace> = {};
  for (const nodeRun of run.nodeRuns) {
    nodes[nodeRun.nodeId] = {
      nodeId: nodeRun.nodeId,
      nodeType: nodeRun.nodeType,
      title: nodeRun.title,
      status: nodeRun.cached ? 'cached' : nodeRun.status,
      attempt: 1,
      inputs: nodeRun.inputs,
      outputs: nodeRun.outputs,
      elapsedMs: nodeRun.elapsedMs,
      inputTokens: nodeRun.inputTokens,
      outputTokens: nodeRun.outputTokens,
      cached: nodeRun.cached,
      handle: undefined,
      error: nodeRun.error ?? undefined,
    };
  }
  const answer = run.nodeRuns
    .filter((nodeRun) => answerNodeIds.has(nodeRun.nodeId) && typeof nodeRun.outputs.answer === 'string')
    .map((nodeRun) => String(nodeRun.outputs.answer))
    .join('');
  const error: RunErrorInfo | undefined = run.error ?? undefined;
  return {
    runId: run.id,
    conversationId: run.conversationId ?? undefined,
    status: run.status === 'running' ? 'running' : run.status,
    nodes,
    order: run.nodeRuns.map((nodeRun) => nodeRun.nodeId),
    answer,
    outputs: run.outputs ?? undefined,
    error,
    elapsedMs: run.elapsedMs,
    usage: { inputTokens: run.inputTokens, outputTokens: run.outputTokens },
  };
}
