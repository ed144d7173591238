import type { ChatMessage } from '@weft/llm-gateway/spec';
import type { Clock, Logger, ModelProvider } from './node';
import type { Retriever } from './retriever';

/** System variables of a run (`sys.*`). */
export interface SystemVariables {
  query?: string;
  user_id?: string;
  conversation_id?: string;
  files?: unknown[];
  /** Prior turns of the conversation, oldest first; LLM nodes with memory read a window of it. */
  history?: ChatMessage[];
  app_id?: string;
  workflow_run_id?: string;
}

/** What a caller passes to `execute`. */
export interface RunInputs {
  /** Values for the start node's variables. */
  inputs: Record<string, unknown>;
  sys?: SystemVariables;
  env?: Record<string, unknown>;
  conversation?: Record<string, unknown>;
}

export interface RunLimits {
  /** Node executions (attempts included) allowed in one run. Default 500. */
  maxSteps?: number;
  /** Wall time of the whole run. Default 10 minutes. */
  maxRunMs?: number;
  /** Nodes running at once. Default 8. */
  maxConcurrency?: number;
  /** Default per-node timeout when the node sets none. Default 5 minutes. */
  nodeTimeoutMs?: number;
}

/** Dependencies of a run, passed in by the caller. The engine reads nothing else from the outside. */
export interface ExecutionContext {
  models?: ModelProvider;
  retriever?: Retriever;
  clock?: Clock;
  logger?: Logger;
  /** Aborting cancels the run: running nodes see their signal aborted, the run ends `cancelled`. */
  signal?: AbortSignal;
  limits?: RunLimits;
  /** Run id to use (default: a random UUID). */
  runId?: string;
}
