import type { Clock, Logger, ModelProvider, NodeContext } from '../spec/node';
import type { Retriever } from '../spec/retriever';
import type { Deadline } from './deadline-watch';
import type { PlanNode } from './plan';

/** What an attempt reports back to its run. */
export interface AttemptHost {
  readonly runId: string;
  readonly runInputs: Readonly<Record<string, unknown>>;
  readonly models: ModelProvider | undefined;
  readonly retriever: Retriever | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  onText(attempt: NodeAttempt, text: string): void;
  onTimeout(attempt: NodeAttempt): void;
}

/**
 * One execution of one node; it is also the node's `ctx`. The AbortController is created only when the node
 * reads `signal` (most fast nodes never do), and aborting before that is remembered and applied on creation.
 */
export class NodeAttempt implements NodeContext, Deadline {
  readonly runId: string;
  readonly nodeId: string;
  readonly runInputs: Readonly<Record<string, unknown>>;
  readonly models: ModelProvider | undefined;
  readonly retriever: Retriever | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly emitText: (text: string) => void;
  /** Set once the attempt's outcome is decided (result, error, timeout or run end); later news is ignored. */
  settled = false;
  /** Characters this attempt has passed to `emitText` (answer nodes use it to drop what was streamed already). */
  textPosition = 0;
  #controller: AbortController | undefined;
  #abortReason: unknown;
  #aborted = false;
  readonly #host: AttemptHost;

  constructor(
    host: AttemptHost,
    readonly node: PlanNode,
    readonly number: number,
    readonly deadline: number,
  ) {
    this.#host = host;
    this.runId = host.runId;
    this.nodeId = node.id;
    this.runInputs = host.runInputs;
    this.models = host.models;
    this.retriever = host.retriever;
    this.clock = host.clock;
    this.logger = host.logger;
    this.emitText = (text) => host.onText(this, text);
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#abortReason = reason;
    this.#controller?.abort(reason);
  }

  expire(): void {
    this.#host.onTimeout(this);
  }
}
