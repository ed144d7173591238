/** Budgets are per fixed one-minute window (rpm / tpm). */
export const rateLimitWindowMs = 60_000;

/** One request asking for room in a key's current window. */
export interface RateLimitRequest {
  key: string;
  /** Requests allowed per window; undefined means unlimited. */
  rpm?: number;
  /** Tokens allowed per window; undefined means unlimited. */
  tpm?: number;
  /** Tokens this request is expected to use. A request larger than `tpm` still passes in an empty window. */
  tokens: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Where rate limit counters live: in-process, or in Redis to share them across processes. */
export interface RateLimitStore {
  /** Atomically checks both budgets and, when both have room, counts the request and its tokens. */
  take(request: RateLimitRequest): Promise<RateLimitDecision>;
  /** Adds `tokens` (negative to refund) to the key's current window once actual usage is known. */
  adjustTokens(key: string, tokens: number): Promise<void>;
}

export function windowStartOf(now: number): number {
  return now - (now % rateLimitWindowMs);
}

export function msUntilNextWindow(now: number): number {
  return Math.max(1, windowStartOf(now) + rateLimitWindowMs - now);
}
