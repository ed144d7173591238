import { EngineError, type RunErrorCode } from '../spec/errors';
import type { RunErrorInfo, RunResult, RunStatus } from '../spec/events';
import type { Clock, Logger, ModelProvider, NodeResult } from '../spec/node';
import type { Retriever } from '../spec/retriever';
import type { ExecutionContext, RunInputs } from '../spec/run';
import { DEFAULT_HANDLE, FAIL_BRANCH_HANDLE } from '../spec/workflow';
import { DeadlineWatch } from './deadline-watch';
import { NodeAttempt, type AttemptHost } from './node-attempt';
import { describeFailure, runCodeOf, timeoutError } from './node-failure';
import type { Plan, PlanNode } from './plan';
import { resolveInputs, type VariableScope } from './resolve-inputs';
import { RunRecord, type NodeFinish } from './run-record';
import { NodeState, StreamThrough, type StreamHost } from './stream-through';

const defaults = { maxSteps: 500, maxRunMs: 10 * 60_000, maxConcurrency: 8, nodeTimeoutMs: 5 * 60_000 };
const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The state of one run of a plan: arrays indexed by node, a ready queue, the active attempts. Created per run;
 * the plan is only read. A node is ready once all its incoming edges are settled; it runs when at least one was
 * taken and is skipped (transitively) otherwise.
 */
export class WorkflowRun implements AttemptHost, StreamHost {
  readonly record: RunRecord;
  readonly result: Promise<RunResult>;
  readonly state: Uint8Array;
  readonly scope: VariableScope;
  readonly runInputs: Readonly<Record<string, unknown>>;
  readonly models: ModelProvider | undefined;
  readonly retriever: Retriever | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  private resolveResult!: (result: RunResult) => void;
  private readonly outputs: (Record<string, unknown> | undefined)[];
  private readonly remaining: Int32Array;
  private readonly taken: Int32Array;
  private readonly nodeInputs: Record<string, unknown>[];
  private readonly startedAt: Float64Array;
  private readonly queue: number[] = [];
  private queueHead = 0;
  private running = 0;
  private settled = 0;
  private steps = 0;
  private ended = false;
  private readonly active = new Set<NodeAttempt>();
  /** Nodes waiting to retry: node index → timer and retries spent so far. */
  private readonly retryTimers = new Map<number, { timer: ReturnType<typeof setTimeout>; retries: number }>();
  private readonly watch = new DeadlineWatch();
  private runTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly stream: StreamThrough | undefined;
  private readonly limits: typeof defaults;

  constructor(
    private readonly plan: Plan,
    inputs: RunInputs,
    private readonly context: ExecutionContext,
    readonly runId: string,
  ) {
    const count = plan.nodes.length;
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
    this.state = new Uint8Array(count);
    this.outputs = new Array(count).fill(undefined);
    this.remaining = Int32Array.from(plan.nodes, (node) => node.incomingEdgeCount);
    this.taken = new Int32Array(count);
    this.nodeInputs = new Array(count);
    this.startedAt = new Float64Array(count);
    this.scope = {
      outputs: this.outputs,
      sys: { ...inputs.sys, workflow_run_id: runId },
      env: inputs.env ?? {},
      conversation: inputs.conversation ?? {},
    };
    this.runInputs = inputs.inputs ?? {};
    this.models = context.models;
    this.retriever = context.retriever;
    this.clock = context.clock ?? Date;
    this.logger = context.logger ?? silentLogger;
    this.limits = { ...defaults, ...definedOnly(context.limits) };
    this.stream = plan.answers.length > 0 ? new StreamThrough(plan, this) : undefined;
    this.record = new RunRecord(runId, this.clock, this.runInputs);
  }

  start(): void {
    const signal = this.context.signal;
    if (signal?.aborted) return this.cancel();
    signal?.addEventListener('abort', this.cancel, { once: true });
    this.runTimer = setTimeout(() => {
      this.failRun('run_timeout', `The run did not finish within ${this.limits.maxRunMs} ms. Raise limits.maxRunMs or make slow steps faster.`);
    }, this.limits.maxRunMs);
    this.enqueue(this.plan.startNode);
    this.pump();
  }

  private readonly cancel = (): void => {
    this.failRun('cancelled', 'The run was cancelled by its caller.', undefined, 'cancelled');
  };

  private enqueue(index: number): void {
    this.state[index] = NodeState.queued;
    this.queue.push(index);
  }

  private pump(): void {
    while (!this.ended && this.running < this.limits.maxConcurrency && this.queueHead < this.queue.length) {
      const node = this.plan.nodes[this.queue[this.queueHead++]!]!;
      this.state[node.index] = NodeState.running;
      this.running += 1;
      this.nodeInputs[node.index] = resolveInputs(node.inputs, this.scope);
      this.startedAt[node.index] = this.clock.now();
      this.startAttempt(node, 1);
    }
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }

  private startAttempt(node: PlanNode, number: number): void {
    if (this.ended) return;
    if (++this.steps > this.limits.maxSteps) {
      const message = `The run reached its limit of ${this.limits.maxSteps} node executions at node "${node.id}". Raise limits.maxSteps or lower retries.`;
      if (number > 1) this.nodeFinished(node, { status: 'failed', outputs: {}, handle: undefined, retries: number - 2, error: { code: 'max_steps_exceeded', message } });
      return this.failRun('max_steps_exceeded', message, node.id);
    }
    const attempt = new NodeAttempt(this, node, number, Date.now() + (node.settings.timeoutMs ?? this.limits.nodeTimeoutMs));
    this.active.add(attempt);
    this.watch.add(attempt);
    this.record.nodeStarted(node, number);
    let pending: Promise<NodeResult>;
    try {
      const args = { node: { id: node.id, type: node.type, title: node.title }, config: node.config, settings: node.settings, inputs: this.nodeInputs[node.index]!, ctx: attempt };
      pending = node.definition.run(args);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (result) => this.attemptSucceeded(attempt, result),
      (error: unknown) => this.attemptFailed(attempt, error),
    );
  }

  /** Marks the attempt decided; false when it already was (a late result after a timeout) or the run is over. */
  private close(attempt: NodeAttempt): boolean {
    if (attempt.settled) return false;
    attempt.settled = true;
    this.active.delete(attempt);
    this.watch.delete(attempt);
    return !this.ended;
  }

  private attemptSucceeded(attempt: NodeAttempt, result: NodeResult): void {
    if (typeof result !== 'object' || result === null || typeof result.outputs !== 'object' || result.outputs === null) {
      const message = `Node "${attempt.nodeId}" (${attempt.node.type}) returned no outputs object; its run() must resolve to { outputs: {...} }.`;
      return this.attemptFailed(attempt, new EngineError({ code: 'internal_error', nodeId: attempt.nodeId, message }));
    }
    if (!this.close(attempt)) return;
    const status = result.cached ? 'cached' : 'succeeded';
    this.finishNode(attempt.node, { status, outputs: result.outputs, handle: result.handle ?? DEFAULT_HANDLE, retries: attempt.number - 1, usage: result.usage });
  }

  onTimeout(attempt: NodeAttempt): void {
    const error = timeoutError(attempt.nodeId, attempt.node.settings.timeoutMs ?? this.limits.nodeTimeoutMs);
    attempt.abort(error);
    this.attemptFailed(attempt, error);
  }

  private attemptFailed(attempt: NodeAttempt, error: unknown): void {
    if (!this.close(attempt)) return;
    const node = attempt.node;
    const retry = node.settings.retry;
    if (retry && attempt.number <= retry.maxRetries) {
      this.logger.warn('node attempt failed; retrying', { runId: this.runId, nodeId: node.id, attempt: attempt.number, error: describeFailure(error).message });
      if (retry.intervalMs === 0) return this.startAttempt(node, attempt.number + 1);
      const timer = setTimeout(() => {
        this.retryTimers.delete(node.index);
        this.startAttempt(node, attempt.number + 1);
      }, retry.intervalMs);
      this.retryTimers.set(node.index, { timer, retries: attempt.number - 1 });
      return;
    }
    const failure = describeFailure(error);
    const info: RunErrorInfo = { code: failure.code, message: failure.message, nodeId: node.id };
    const retries = attempt.number - 1;
    switch (node.settings.errorStrategy) {
      case 'default-value': {
        const outputs = { ...node.settings.defaultValue, error_message: failure.message };
        return this.finishNode(node, { status: 'succeeded', outputs, handle: DEFAULT_HANDLE, retries, error: info });
      }
      case 'fail-branch': {
        const outputs = { error_message: failure.message, error_type: failure.code };
        return this.finishNode(node, { status: 'failed', outputs, handle: FAIL_BRANCH_HANDLE, retries, error: info });
      }
      default:
        this.nodeFinished(node, { status: 'failed', outputs: {}, handle: undefined, retries, error: info });
        this.failRun(runCodeOf(failure), `Node "${node.id}" failed: ${failure.message}`, node.id);
    }
  }

  private nodeFinished(node: PlanNode, finish: NodeFinish): void {
    this.record.nodeFinished(node, finish, this.nodeInputs[node.index] ?? {}, this.startedAt[node.index]!);
  }

  private finishNode(node: PlanNode, finish: NodeFinish): void {
    this.nodeFinished(node, finish);
    this.state[node.index] = NodeState.done;
    this.outputs[node.index] = finish.outputs;
    this.running -= 1;
    this.settled += 1;
    this.settleEdges(node, finish.handle);
    if (this.settled === this.plan.nodes.length) this.completeRun();
    else this.pump();
  }

  /** Settles a finished node's outgoing edges; targets whose edges are all settled are queued or skipped. */
  private settleEdges(node: PlanNode, handle: string | undefined): void {
    let skipped: number[] | undefined;
    for (const edge of node.outgoing) {
      const target = edge.target;
      if (edge.handle === handle) this.taken[target]! += 1;
      if (--this.remaining[target]! !== 0) continue;
      if (this.taken[target]! > 0) this.enqueue(target);
      else (skipped ??= []).push(target);
    }
    while (skipped && skipped.length > 0) {
      const skippedNode = this.plan.nodes[skipped.pop()!]!;
      this.state[skippedNode.index] = NodeState.skipped;
      this.settled += 1;
      this.startedAt[skippedNode.index] = this.clock.now();
      this.nodeFinished(skippedNode, { status: 'skipped', outputs: {}, handle: undefined, retries: 0 });
      for (const edge of skippedNode.outgoing) {
        if (--this.remaining[edge.target]! !== 0) continue;
        if (this.taken[edge.target]! > 0) this.enqueue(edge.target);
        else skipped.push(edge.target);
      }
    }
  }

  onText(attempt: NodeAttempt, text: string): void {
    if (attempt.settled || this.ended || typeof text !== 'string' || text === '') return;
    const node = attempt.node;
    const answer = this.plan.answerIndex[node.index]!;
    let fresh = text;
    if (answer >= 0 && this.stream) {
      fresh = this.stream.dedupe(answer, attempt.textPosition, text);
      attempt.textPosition += text.length;
      if (fresh === '') return;
    }
    this.record.text(node, fresh);
    if (this.stream && this.plan.answersBySource[node.index]!.length > 0) this.stream.onSourceChunk(node.index, fresh);
  }

  emitAnswerText(index: number, text: string): void {
    this.record.text(this.plan.nodes[index]!, text);
  }

  private completeRun(): void {
    this.end();
    this.resolveResult(this.record.finished());
  }

  /** Ends the run now: aborts what is running (each gets a failed node-finished), then emits run-failed. */
  private failRun(code: RunErrorCode, message: string, nodeId?: string, status: Exclude<RunStatus, 'succeeded'> = 'failed'): void {
    if (this.ended) return;
    const reason = new EngineError({ code, message, ...(nodeId === undefined ? {} : { nodeId }) });
    const interrupted: RunErrorInfo = { code, message: `Stopped: ${message}` };
    for (const attempt of this.active) {
      attempt.abort(reason);
      this.nodeFinished(attempt.node, { status: 'failed', outputs: {}, handle: undefined, retries: attempt.number - 1, error: interrupted });
    }
    for (const [index, waiting] of this.retryTimers) {
      this.nodeFinished(this.plan.nodes[index]!, { status: 'failed', outputs: {}, handle: undefined, retries: waiting.retries, error: interrupted });
    }
    this.end();
    this.resolveResult(this.record.failed(status, nodeId === undefined ? { code, message } : { code, message, nodeId }));
  }

  /** Stops timers and listeners so nothing of the run keeps the process alive. */
  private end(): void {
    this.ended = true;
    for (const attempt of this.active) attempt.settled = true;
    this.active.clear();
    this.watch.clear();
    for (const waiting of this.retryTimers.values()) clearTimeout(waiting.timer);
    this.retryTimers.clear();
    if (this.runTimer !== undefined) clearTimeout(this.runTimer);
    this.context.signal?.removeEventListener('abort', this.cancel);
  }
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  const result: Partial<T> = {};
  if (!value) return result;
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) (result as Record<string, unknown>)[key] = entry;
  return result;
}
