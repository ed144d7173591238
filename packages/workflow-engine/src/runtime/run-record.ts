import type { Usage } from '@weft/llm-gateway/spec';
import type { NodeRunSummary, NodeStatus, RunErrorInfo, RunResult, RunStatus } from '../spec/events';
import type { Clock } from '../spec/node';
import { EventChannel } from './event-channel';
import type { PlanNode } from './plan';

export interface NodeFinish {
  status: NodeStatus;
  outputs: Record<string, unknown>;
  handle: string | undefined;
  retries: number;
  usage?: Usage | undefined;
  error?: RunErrorInfo | undefined;
}

/** Everything a run reports: its events, and the totals that become its `RunResult`. */
export class RunRecord {
  readonly events = new EventChannel();
  private readonly summaries: Record<string, NodeRunSummary> = {};
  private readonly usage: Usage = { inputTokens: 0, outputTokens: 0 };
  private readonly cachedNodeIds: string[] = [];
  private readonly answerParts: string[] = [];
  private readonly endOutputs: Record<string, unknown> = {};
  readonly startedAt: number;

  constructor(
    private readonly runId: string,
    private readonly clock: Clock,
    inputs: Record<string, unknown>,
  ) {
    this.startedAt = clock.now();
    this.events.push({ type: 'run-started', runId, at: this.startedAt, inputs });
  }

  nodeStarted(node: PlanNode, attempt: number): void {
    this.events.push({ type: 'node-started', runId: this.runId, nodeId: node.id, nodeType: node.type, title: node.title, at: this.clock.now(), attempt });
  }

  nodeFinished(node: PlanNode, finish: NodeFinish, inputs: Record<string, unknown>, startedAt: number): void {
    const at = this.clock.now();
    const elapsedMs = at - startedAt;
    const summary: NodeRunSummary = { status: finish.status, elapsedMs, outputs: finish.outputs };
    if (finish.usage) {
      summary.usage = finish.usage;
      this.usage.inputTokens += finish.usage.inputTokens;
      this.usage.outputTokens += finish.usage.outputTokens;
    }
    if (finish.error) summary.error = finish.error;
    this.summaries[node.id] = summary;
    if (finish.status === 'cached') this.cachedNodeIds.push(node.id);
    if (node.type === 'end' && (finish.status === 'succeeded' || finish.status === 'cached')) Object.assign(this.endOutputs, finish.outputs);
    this.events.push({
      type: 'node-finished',
      runId: this.runId,
      nodeId: node.id,
      nodeType: node.type,
      title: node.title,
      at,
      status: finish.status,
      inputs,
      outputs: finish.outputs,
      elapsedMs,
      ...(finish.usage ? { usage: finish.usage } : {}),
      ...(finish.handle !== undefined ? { handle: finish.handle } : {}),
      retries: finish.retries,
      ...(finish.error ? { error: finish.error } : {}),
    });
  }

  /** A text chunk; chunks of answer nodes also make up the run's `answer`. */
  text(node: PlanNode, text: string): void {
    if (node.type === 'answer') this.answerParts.push(text);
    this.events.push({ type: 'text-chunk', runId: this.runId, nodeId: node.id, text });
  }

  finished(): RunResult {
    const elapsedMs = this.clock.now() - this.startedAt;
    const { runId, endOutputs: outputs, usage, cachedNodeIds } = this;
    this.events.push({ type: 'run-finished', runId, at: this.clock.now(), outputs, elapsedMs, usage, cachedNodeIds });
    return this.close('succeeded', elapsedMs);
  }

  failed(status: Exclude<RunStatus, 'succeeded'>, error: RunErrorInfo): RunResult {
    const elapsedMs = this.clock.now() - this.startedAt;
    this.events.push({ type: 'run-failed', runId: this.runId, at: this.clock.now(), error, elapsedMs, usage: this.usage });
    return { ...this.close(status, elapsedMs), error };
  }

  private close(status: RunStatus, elapsedMs: number): RunResult {
    this.events.close();
    return {
      runId: this.runId,
      status,
      outputs: status === 'succeeded' ? this.endOutputs : {},
      answer: this.answerParts.join(''),
      elapsedMs,
      usage: this.usage,
      nodes: this.summaries,
      cachedNodeIds: this.cachedNodeIds,
    };
  }
}
