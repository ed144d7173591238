import type { Usage } from '@weft/llm-gateway/spec';

export type NodeStatus = 'succeeded' | 'failed' | 'skipped' | 'cached';

export interface RunErrorInfo {
  code: string;
  message: string;
  nodeId?: string;
}

/** Events of one run, in the order they happen. Names are noun-then-verb. */
export type RunEvent =
  | { type: 'run-started'; runId: string; at: number; inputs: Record<string, unknown> }
  | { type: 'node-started'; runId: string; nodeId: string; nodeType: string; title: string; at: number; attempt: number }
  | {
      type: 'node-finished';
      runId: string;
      nodeId: string;
      nodeType: string;
      title: string;
      at: number;
      status: NodeStatus;
      /** Resolved inputs (selector key → value); empty for skipped nodes. */
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
      elapsedMs: number;
      usage?: Usage;
      /** The handle taken, for branching nodes. */
      handle?: string;
      /** Retries spent before the final attempt. */
      retries: number;
      error?: RunErrorInfo;
    }
  | { type: 'text-chunk'; runId: string; nodeId: string; text: string }
  | { type: 'run-finished'; runId: string; at: number; outputs: Record<string, unknown>; elapsedMs: number; usage: Usage; cachedNodeIds: string[] }
  | { type: 'run-failed'; runId: string; at: number; error: RunErrorInfo; elapsedMs: number; usage: Usage };

export type RunStatus = 'succeeded' | 'failed' | 'cancelled';

export interface NodeRunSummary {
  status: NodeStatus;
  elapsedMs: number;
  outputs: Record<string, unknown>;
  usage?: Usage;
  error?: RunErrorInfo;
}

/** What `execute` resolves to once the run ends. */
export interface RunResult {
  runId: string;
  status: RunStatus;
  /** The end node's outputs (workflow apps). */
  outputs: Record<string, unknown>;
  /** Text streamed by answer nodes, concatenated (chat apps). */
  answer: string;
  error?: RunErrorInfo;
  elapsedMs: number;
  usage: Usage;
  nodes: Record<string, NodeRunSummary>;
  cachedNodeIds: string[];
}
