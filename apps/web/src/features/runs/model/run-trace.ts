import type { RunErrorInfo, RunEvent } from '@weft/workflow-engine/spec';

/** What the canvas shows on a node for the current or opened run. */
export type NodeTraceStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'cached' | 'cancelled';

export interface NodeTrace {
  nodeId: string;
  nodeType: string;
  title: string;
  status: NodeTraceStatus;
  attempt: number;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  elapsedMs: number | undefined;
  inputTokens: number;
  outputTokens: number;
  /** Served by the node cache instead of executing. */
  cached: boolean;
  handle: string | undefined;
  error: RunErrorInfo | undefined;
}

export interface RunTrace {
  runId: string | undefined;
  conversationId: string | undefined;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  nodes: Record<string, NodeTrace>;
  /** Node ids in the order they started. */
  order: string[];
  /** Text streamed by answer nodes only (LLM chunks reach the answer through it; counting both would double them). */
  answer: string;
  outputs: Record<string, unknown> | undefined;
  error: RunErrorInfo | undefined;
  elapsedMs: number | undefined;
  usage: { inputTokens: number; outputTokens: number } | undefined;
}

/** The API's first debug-run event, then the engine's events. */
export type TraceEvent = RunEvent | { type: 'debug-run-started'; runId: string; taskId: string; conversationId?: string | undefined; messageId?: string | undefined };

export const emptyTrace = (): RunTrace => ({
  runId: undefined,
  conversationId: undefined,
  status: 'running',
  nodes: {},
  order: [],
  answer: '',
  outputs: undefined,
  error: undefined,
  elapsedMs: undefined,
  usage: undefined,
});

function withNode(trace: RunTrace, node: NodeTrace): RunTrace {
  const order = trace.order.includes(node.nodeId) ? trace.order : [...trace.order, node.nodeId];
  return { ...trace, nodes: { ...trace.nodes, [node.nodeId]: node }, order };
}

/** Folds one event into the trace. `answerNodeIds` are the graph's answer nodes (whose chunks make the reply). */
export function reduceTrace(trace: RunTrace, event: TraceEvent, answerNodeIds: ReadonlySet<string>): RunTrace {
  switch (event.type) {
    case 'debug-run-started':
      return { ...trace, runId: event.runId, conversationId: event.conversationId ?? trace.conversationId };
    case 'run-started':
      return { ...trace, runId: event.runId, status: 'running' };
    case 'node-started':
      return withNode(trace, {
        nodeId: event.nodeId,
        nodeType: event.nodeType,
        title: event.title,
        status: 'running',
        attempt: event.attempt,
        inputs: {},
        outputs: {},
        elapsedMs: undefined,
        inputTokens: 0,
        outputTokens: 0,
        cached: false,
        handle: undefined,
        error: undefined,
      });
    case 'node-finished':
      return withNode(trace, {
        nodeId: event.nodeId,
        nodeType: event.nodeType,
        title: event.title,
        status: event.status,
        attempt: trace.nodes[event.nodeId]?.attempt ?? 1,
        inputs: event.inputs,
        outputs: event.outputs,
        elapsedMs: event.elapsedMs,
        inputTokens: event.usage?.inputTokens ?? 0,
        outputTokens: event.usage?.outputTokens ?? 0,
        cached: event.status === 'cached',
        handle: event.handle,
        error: event.error,
      });
    case 'text-chunk':
      return answerNodeIds.has(event.nodeId) ? { ...trace, answer: trace.answer + event.text } : trace;
    case 'run-finished':
      return { ...trace, status: 'succeeded', outputs: event.outputs, elapsedMs: event.elapsedMs, usage: event.usage };
    case 'run-failed':
      return {
        ...trace,
        status: event.error.code === 'cancelled' ? 'cancelled' : 'failed',
        error: event.error,
        elapsedMs: event.elapsedMs,
        usage: event.usage,
        nodes: stopRunningNodes(trace.nodes),
      };
  }
}

/** Nodes still "running" when the run failed were cut off: show them as cancelled, not spinning forever. */
function stopRunningNodes(nodes: Record<string, NodeTrace>): Record<string, NodeTrace> {
  const entries = Object.entries(nodes).map(([id, node]) => [id, node.status === 'running' ? { ...node, status: 'cancelled' as const } : node] as const);
  return Object.fromEntries(entries);
}
