/** Problems `compile` reports. Each comes with the node id, the field path and a message saying how to fix it. */
export const compileProblemCodes = [
  'invalid_workflow',
  'duplicate_node_id',
  'unknown_node_type',
  'invalid_config',
  'dangling_edge',
  'unknown_handle',
  'missing_start',
  'multiple_starts',
  'cycle',
  'unreachable_node',
  'unknown_variable_node',
  'reference_not_upstream',
  'unknown_output',
] as const;
export type CompileProblemCode = (typeof compileProblemCodes)[number];

export interface CompileProblem {
  code: CompileProblemCode;
  /** The node the problem is on; for an edge problem, the edge's source. */
  nodeId?: string;
  edgeId?: string;
  /** Path inside the node's data, e.g. `['cases', 0, 'conditions', 1, 'variableSelector']`. */
  path: (string | number)[];
  message: string;
}

/** Codes of failures while running. */
export const runErrorCodes = [
  'invalid_input',
  'node_failed',
  'node_timeout',
  'run_timeout',
  'max_steps_exceeded',
  'cancelled',
  'model_unavailable',
  'retriever_unavailable',
  'internal_error',
] as const;
export type RunErrorCode = (typeof runErrorCodes)[number];

/** A typed engine failure; the API maps codes to HTTP once, at its edge. */
export class EngineError extends Error {
  readonly code: RunErrorCode | CompileProblemCode | 'compile_failed';
  readonly nodeId: string | undefined;
  readonly isRetryable: boolean;
  readonly problems: CompileProblem[];

  constructor(init: {
    code: EngineError['code'];
    message: string;
    nodeId?: string;
    isRetryable?: boolean;
    problems?: CompileProblem[];
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'EngineError';
    this.code = init.code;
    this.nodeId = init.nodeId;
    this.isRetryable = init.isRetryable ?? false;
    this.problems = init.problems ?? [];
  }
}
