import { msUntilNextWindow, windowStartOf } from './rate-limit-store';
import type { RateLimitStore } from './rate-limit-store';

interface WindowCounters {
  windowStart: number;
  requests: number;
  tokens: number;
}

/** Keeps rpm / tpm counters in this process (per-minute fixed windows). */
export function createMemoryRateLimitStore(options: { now?: () => number } = {}): RateLimitStore {
  const now = options.now ?? Date.now;
  const windows = new Map<string, WindowCounters>();

  function current(key: string, at: number): WindowCounters {
    const windowStart = windowStartOf(at);
    const existing = windows.get(key);
    if (existing && existing.windowStart === windowStart) return existing;
    // Replacing the stale window keeps one entry per key.
    const fresh = { windowStart, requests: 0, tokens: 0 };
    windows.set(key, fresh);
    return fresh;
  }

  return {
    async take({ key, rpm, tpm, tokens }) {
      const at = now();
      const counters = current(key, at);
      const requestsFull = rpm !== undefined && counters.requests + 1 > rpm;
      const tokensFull = tpm !== undefined && counters.tokens > 0 && counters.tokens + tokens > tpm;
      if (requestsFull || tokensFull) return { allowed: false, retryAfterMs: msUntilNextWindow(at) };
      counters.requests += 1;
      counters.tokens += tokens;
      return { allowed: true };
    },
    async adjustTokens(key, tokens) {
      const counters = current(key, now());
      counters.tokens = Math.max(0, counters.tokens + tokens);
    },
  };
}
