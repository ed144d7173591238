import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';

export const testFaults = [
  'rate-limit',
  'server-error',
  'auth',
  'context-length',
  'reset-mid-stream',
  'malformed-sse',
  'stall',
] as const;

export type TestFault = (typeof testFaults)[number];

const milliseconds = z.number().int().min(0);

/** Per-request overrides, sent as `x-test-*` headers or queued with `server.script(...)`. */
export const requestControlSchema = z.object({
  fault: z.enum(testFaults).optional(),
  /** Retry-After sent with the `rate-limit` fault, in seconds (default 1). */
  retryAfterSeconds: z.number().min(0).optional(),
  /** Total time of the answer. */
  latencyMs: milliseconds.optional(),
  /** Time to the first content chunk of a stream. */
  ttftMs: milliseconds.optional(),
  /** Number of content chunks a stream is split into. */
  chunks: z.number().int().positive().optional(),
});

export type RequestControl = z.infer<typeof requestControlSchema>;

/** One queued override: `'ok'` answers normally with the server defaults. */
export type ScriptStep = 'ok' | RequestControl;

/** The timing and fault that one request is answered with. */
export interface ResolvedControl {
  fault: TestFault | undefined;
  retryAfterSeconds: number;
  latencyMs: number;
  ttftMs: number;
  chunks: number;
}

export interface ControlDefaults {
  latencyMs: number;
  ttftMs: number;
  chunkCount: number;
}

export class ControlError extends Error {}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function numberHeader(headers: IncomingHttpHeaders, name: string): number | undefined {
  const raw = headerValue(headers, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    throw new ControlError(`Header ${name} must be a number, got "${raw}".`);
  }
  return value;
}

/** Reads the `x-test-*` headers; throws ControlError with a fixing message when one is invalid. */
export function controlFromHeaders(headers: IncomingHttpHeaders): RequestControl {
  const candidate = {
    fault: headerValue(headers, 'x-test-fault') || undefined,
    retryAfterSeconds: numberHeader(headers, 'x-test-retry-after'),
    latencyMs: numberHeader(headers, 'x-test-latency-ms'),
    ttftMs: numberHeader(headers, 'x-test-ttft-ms'),
    chunks: numberHeader(headers, 'x-test-chunks'),
  };
  const parsed = requestControlSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ControlError(
      `Invalid x-test-* header (${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}). ` +
        `x-test-fault is one of ${testFaults.join(', ')}; the others are non-negative integers.`,
    );
  }
  return parsed.data;
}

/** Server defaults, then headers, then the script step (the most specific wins). */
export function resolveControl(
  defaults: ControlDefaults,
  fromHeaders: RequestControl,
  step: ScriptStep | undefined,
): ResolvedControl {
  const fromScript = step === undefined || step === 'ok' ? {} : step;
  const merged = { ...fromHeaders, ...stripUndefined(fromScript) };
  if (step === 'ok') merged.fault = undefined;
  return {
    fault: merged.fault,
    retryAfterSeconds: merged.retryAfterSeconds ?? 1,
    latencyMs: merged.latencyMs ?? defaults.latencyMs,
    ttftMs: merged.ttftMs ?? defaults.ttftMs,
    chunks: merged.chunks ?? defaults.chunkCount,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
