import type { RunEvent, RunResult } from '../spec/events';
import type { ExecutionContext, RunInputs } from '../spec/run';
import type { Plan } from './plan';
import { WorkflowRun } from './workflow-run';

/** A started run: iterate it for its events (buffered; each iteration replays from `run-started`). */
export interface RunExecution extends AsyncIterable<RunEvent> {
  readonly runId: string;
  /** Settles when the run ends; never rejects (failures are in `status` and `error`). */
  readonly result: Promise<RunResult>;
}

/**
 * Starts a run of a compiled plan right away; it proceeds whether or not anyone iterates its events.
 * Every run gets fresh state, so one plan can serve many concurrent runs.
 */
export function execute(plan: Plan, inputs: RunInputs, ctx: ExecutionContext = {}): RunExecution {
  const runId = ctx.runId ?? globalThis.crypto.randomUUID();
  const run = new WorkflowRun(plan, inputs, ctx, runId);
  run.start();
  return {
    runId,
    result: run.result,
    [Symbol.asyncIterator]: () => run.record.events[Symbol.asyncIterator](),
  };
}

/** Runs a plan and resolves with its result, ignoring the event stream. */
export function runToCompletion(plan: Plan, inputs: RunInputs, ctx?: ExecutionContext): Promise<RunResult> {
  return execute(plan, inputs, ctx).result;
}
