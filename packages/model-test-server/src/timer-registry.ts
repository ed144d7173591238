/** Keeps every pending timer of one server so `close()` can clear them and leak nothing. */
export class TimerRegistry {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  /** Resolves true after `ms`, or false as soon as `signal` aborts or the registry is cleared. */
  delay(ms: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (completed: boolean) => {
        clearTimeout(timer);
        this.pending.delete(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(completed);
      };
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      this.pending.set(timer, onAbort);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  get size(): number {
    return this.pending.size;
  }

  clear(): void {
    for (const cancel of [...this.pending.values()]) cancel();
  }
}
