export interface Deadline {
  /** Epoch milliseconds (Date.now) after which `expire` is called. */
  readonly deadline: number;
  expire(): void;
}

const maxTimerMs = 2_147_483_647;

/**
 * One timer per run for all per-node timeouts, instead of a timer per node: it is armed for the earliest
 * deadline and, when it fires, expires what is due and re-arms for the next. Nodes usually finish long before
 * their deadline, so for a run of fast nodes this sets a single timer.
 */
export class DeadlineWatch {
  private readonly entries = new Set<Deadline>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firesAt = Infinity;

  add(entry: Deadline): void {
    this.entries.add(entry);
    if (entry.deadline < this.firesAt) this.arm(entry.deadline);
  }

  delete(entry: Deadline): void {
    this.entries.delete(entry);
  }

  clear(): void {
    this.entries.clear();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.firesAt = Infinity;
  }

  private arm(at: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.firesAt = at;
    this.timer = setTimeout(this.fire, Math.min(Math.max(at - Date.now(), 0), maxTimerMs));
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.firesAt = Infinity;
    const now = Date.now();
    for (const entry of [...this.entries]) {
      if (entry.deadline > now || !this.entries.has(entry)) continue;
      this.entries.delete(entry);
      entry.expire();
    }
    let next = Infinity;
    for (const entry of this.entries) if (entry.deadline < next) next = entry.deadline;
    if (next !== Infinity && next < this.firesAt) this.arm(next);
  };
}
