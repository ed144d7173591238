import { EngineError, runErrorCodes, type RunErrorCode } from '../spec/errors';

export interface NodeFailure {
  /** The thrower's own code (EngineError, GatewayError or any error with a string `code`), else `node_failed`. */
  code: string;
  message: string;
}

const runCodes: ReadonlySet<string> = new Set(runErrorCodes);

export function describeFailure(error: unknown): NodeFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'the node failed without an error message';
  return { code: typeof code === 'string' && code !== '' ? code : 'node_failed', message };
}

/** The run's failure code when a node fails it: run error codes (invalid_input, node_timeout…) pass through. */
export function runCodeOf(failure: NodeFailure): RunErrorCode {
  return runCodes.has(failure.code) ? (failure.code as RunErrorCode) : 'node_failed';
}

export function timeoutError(nodeId: string, timeoutMs: number): EngineError {
  return new EngineError({
    code: 'node_timeout',
    nodeId,
    isRetryable: true,
    message: `Node "${nodeId}" did not finish within ${timeoutMs} ms. Raise its timeout (timeoutMs) or the run's nodeTimeoutMs, or make the step faster.`,
  });
}
