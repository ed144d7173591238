import type { RunErrorInfo, RunEvent } from '@weft/workflow-engine/spec';

export interface GatedRun {
  /** The run's events again from the start, for the response. */
  events: AsyncIterable<RunEvent>;
  /** Set when the run failed before or in its start node (bad inputs): answer with an HTTP error, not a stream. */
  failure: RunErrorInfo | undefined;
}

/**
 * Reads a run's events until its start node has run (microseconds: it only checks inputs), so input errors are
 * answered as plain 4xx responses like Dify does, and only valid runs open an event stream.
 */
export async function gateOnStart(events: AsyncIterable<RunEvent>): Promise<GatedRun> {
  const iterator = events[Symbol.asyncIterator]();
  const head: RunEvent[] = [];
  let failure: RunErrorInfo | undefined;
  let done = false;
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const event = next.value;
    head.push(event);
    if (event.type === 'run-failed') {
      failure = event.error;
      break;
    }
    if (event.type === 'run-finished') break;
    if (event.type === 'node-finished' && event.nodeType === 'start' && event.status !== 'failed') break;
  }
  return {
    failure,
    events: {
      async *[Symbol.asyncIterator]() {
        yield* head;
        if (done || failure) return;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      },
    },
  };
}
