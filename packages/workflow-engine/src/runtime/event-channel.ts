import type { RunEvent } from '../spec/events';

/**
 * Buffers a run's events so the run proceeds whether or not anyone listens. Every iteration replays the
 * buffer from the first event and then follows live events until the run ends.
 */
export class EventChannel implements AsyncIterable<RunEvent> {
  private readonly events: RunEvent[] = [];
  private readonly waiters: (() => void)[] = [];
  private closed = false;

  push(event: RunEvent): void {
    this.events.push(event);
    if (this.waiters.length > 0) this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RunEvent> {
    let next = 0;
    for (;;) {
      while (next < this.events.length) yield this.events[next++]!;
      if (this.closed) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}
