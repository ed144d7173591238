/** Every failure the gateway reports has one of these codes. */
export const gatewayErrorCodes = [
  'auth_failed',
  'rate_limited',
  'context_length_exceeded',
  'timeout',
  'provider_unavailable',
  'bad_response',
  'bad_request',
  'unknown_model',
  'unknown_provider',
  'content_filtered',
  'cancelled',
  'invalid_config',
] as const;

export type GatewayErrorCode = (typeof gatewayErrorCodes)[number];

const retryableByDefault: ReadonlySet<GatewayErrorCode> = new Set([
  'rate_limited',
  'timeout',
  'provider_unavailable',
  'bad_response',
]);

export interface GatewayErrorInit {
  code: GatewayErrorCode;
  /** Says what went wrong and how to fix it. */
  message: string;
  provider?: string;
  modelId?: string;
  /** HTTP status from the provider, when there was one. */
  status?: number;
  /** Defaults by code: rate_limited, timeout, provider_unavailable and bad_response are retryable. */
  isRetryable?: boolean;
  /** From a Retry-After header, in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A typed gateway failure. Callers branch on `code` and `isRetryable`, never on the message. */
export class GatewayError extends Error {
  readonly code: GatewayErrorCode;
  readonly provider: string | undefined;
  readonly modelId: string | undefined;
  readonly status: number | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(init: GatewayErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GatewayError';
    this.code = init.code;
    this.provider = init.provider;
    this.modelId = init.modelId;
    this.status = init.status;
    this.isRetryable = init.isRetryable ?? retryableByDefault.has(init.code);
    this.retryAfterMs = init.retryAfterMs;
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
