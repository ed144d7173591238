import { valueToText } from '../spec/variables';
import type { Plan } from './plan';
import { resolveInput, type VariableScope } from './resolve-inputs';

/** Node states of a run, shared by the scheduler and stream-through. */
export const NodeState = { pending: 0, queued: 1, running: 2, done: 3, skipped: 4 } as const;

export interface StreamHost {
  readonly state: Uint8Array;
  readonly scope: VariableScope;
  /** Emits text attributed to an answer node (a `text-chunk` event and part of the run's answer). */
  emitAnswerText(node: number, text: string): void;
}

interface Cursor {
  /** Next segment of the template not fully streamed. */
  segment: number;
  /** Characters of that segment already streamed. */
  offset: number;
  /** Characters attributed to the answer node so far, by stream-through and by the node itself. */
  emitted: number;
  certain: boolean;
}

const isSettled = (state: number): boolean => state === NodeState.done || state === NodeState.skipped;

/**
 * Streams an answer node's template ahead of the node, so chat clients see an LLM's tokens as they are made.
 * When node X emits text and an answer's next unstreamed segment is `{{#X.text#}}`, and the answer is certain to
 * run (not skipped, every branching ancestor settled) and no answer upstream of it is still to come, the answer's pending literal and resolved segments are
 * emitted, then X's text so far, attributed to the answer. When the answer node runs it renders its whole
 * template as usual; `dedupe` drops the prefix that was already streamed. This relies on a streaming node's
 * chunks, concatenated, being equal to its `text` output.
 */
export class StreamThrough {
  private readonly cursors: Cursor[];
  private readonly accumulated: string[];

  constructor(
    private readonly plan: Plan,
    private readonly host: StreamHost,
  ) {
    this.cursors = plan.answers.map(() => ({ segment: 0, offset: 0, emitted: 0, certain: false }));
    this.accumulated = plan.nodes.map(() => '');
  }

  /** Text emitted by a node some answer template streams. */
  onSourceChunk(node: number, text: string): void {
    this.accumulated[node] += text;
    for (const answer of this.plan.answersBySource[node]!) this.advance(answer);
  }

  /**
   * Filters an answer node's own `emitText` call: `position` is where the text starts in the node's rendering
   * (attempts count from 0); only the part beyond what was already emitted for the node passes.
   */
  dedupe(answer: number, position: number, text: string): string {
    const cursor = this.cursors[answer]!;
    const end = position + text.length;
    if (end <= cursor.emitted) return '';
    const fresh = position >= cursor.emitted ? text : text.slice(cursor.emitted - position);
    cursor.emitted = end;
    return fresh;
  }

  private advance(answer: number): void {
    const plan = this.plan.answers[answer]!;
    const cursor = this.cursors[answer]!;
    const { state, scope } = this.host;
    const own = state[plan.node]!;
    if (own !== NodeState.pending && own !== NodeState.queued) return;
    if (!cursor.certain) {
      for (const gate of plan.gatingAncestors) if (!isSettled(state[gate]!)) return;
      cursor.certain = true;
    }
    while (cursor.segment < plan.segments.length) {
      const segment = plan.segments[cursor.segment]!;
      let text: string;
      if (segment.kind === 'text') text = segment.text;
      else if (segment.input.node < 0 || isSettled(state[segment.input.node]!)) text = valueToText(resolveInput(segment.input, scope));
      else {
        if (segment.streamable && state[segment.input.node] === NodeState.running) {
          const sofar = this.accumulated[segment.input.node]!;
          if (sofar.length > cursor.offset) this.emit(plan.node, cursor, sofar.slice(cursor.offset));
          cursor.offset = Math.max(cursor.offset, sofar.length);
        }
        return;
      }
      if (text.length > cursor.offset) this.emit(plan.node, cursor, text.slice(cursor.offset));
      cursor.segment += 1;
      cursor.offset = 0;
    }
  }

  private emit(node: number, cursor: Cursor, text: string): void {
    cursor.emitted += text.length;
    this.host.emitAnswerText(node, text);
  }
}
