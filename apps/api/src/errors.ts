import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { KnowledgeError, type KnowledgeErrorCode } from '@weft/knowledge/spec';

/**
 * Domain error codes. Where Dify's service API has a code for the same situation, weft uses Dify's, so Dify's
 * SDKs and clients understand weft's errors unchanged.
 */
const statusByCode = {
  invalid_param: 400,
  bad_request: 400,
  app_unavailable: 400,
  not_chat_app: 400,
  not_workflow_app: 400,
  provider_not_initialize: 400,
  completion_request_error: 400,
  compile_failed: 400,
  no_file_uploaded: 400,
  empty_document: 400,
  corrupt_file: 400,
  parse_failed: 400,
  invalid_settings: 400,
  dimension_mismatch: 409,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conversation_not_exists: 404,
  app_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  draft_conflict: 409,
  already_exists: 409,
  file_too_large: 413,
  payload_too_large: 413,
  unsupported_file_type: 415,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal_server_error: 500,
  model_unavailable: 502,
  embedding_failed: 502,
  vector_store_unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof statusByCode;

/** A failure the edge turns into an HTTP / tRPC error. The message says how to fix it. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  /** Seconds, for 429 / 503 answers. */
  readonly retryAfterSeconds: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message: string, options: { retryAfterSeconds?: number; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = statusByCode[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
}

/** The knowledge package's codes as the edge answers them (the same code, except pgvector_missing). */
const codeByKnowledgeCode: Record<KnowledgeErrorCode, AppErrorCode> = {
  unsupported_file_type: 'unsupported_file_type',
  file_too_large: 'file_too_large',
  empty_document: 'empty_document',
  corrupt_file: 'corrupt_file',
  parse_failed: 'parse_failed',
  embedding_failed: 'embedding_failed',
  vector_store_unavailable: 'vector_store_unavailable',
  pgvector_missing: 'vector_store_unavailable',
  dimension_mismatch: 'dimension_mismatch',
  invalid_settings: 'invalid_settings',
  not_found: 'not_found',
};

/** A knowledge package failure as the AppError the edge answers with (same message). */
export function fromKnowledgeError(error: KnowledgeError): AppError {
  const code = codeByKnowledgeCode[error.code];
  return new AppError(code, error.message, { cause: error, ...(error.isRetryable ? { retryAfterSeconds: 5 } : {}) });
}

export interface HttpErrorBody {
  code: string;
  message: string;
  status: number;
  [extra: string]: unknown;
}

/** The ONE place errors become HTTP answers. Unknown errors are logged by the caller and answered as a 500. */
export function toHttpError(error: unknown): { status: number; body: HttpErrorBody; headers: Record<string, string> } {
  if (error instanceof KnowledgeError) return toHttpError(fromKnowledgeError(error));
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
    return { status: error.status, body: { code: error.code, message: error.message, status: error.status, ...error.details }, headers };
  }
  return {
    status: 500,
    body: { code: 'internal_server_error', message: 'Internal server error. The failure was logged; try again, and report it if it persists.', status: 500 },
    headers: {},
  };
}

const trpcCodeByStatus: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
};

/** The same mapping for tRPC: the domain code travels in `cause` and is exposed by the error formatter. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof KnowledgeError) return toTRPCError(fromKnowledgeError(error));
  if (error instanceof AppError) {
    return new TRPCError({ code: trpcCodeByStatus[error.status] ?? 'INTERNAL_SERVER_ERROR', message: error.message, cause: error });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', cause: error });
}
