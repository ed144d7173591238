export const knowledgeErrorCodes = [
  'unsupported_file_type',
  'file_too_large',
  'empty_document',
  'corrupt_file',
  'parse_failed',
  'embedding_failed',
  'vector_store_unavailable',
  'pgvector_missing',
  'dimension_mismatch',
  'invalid_settings',
  'not_found',
] as const;
export type KnowledgeErrorCode = (typeof knowledgeErrorCodes)[number];

/** A typed knowledge failure; the message says how to fix it. The API maps codes to HTTP at its edge. */
export class KnowledgeError extends Error {
  readonly code: KnowledgeErrorCode;
  readonly isRetryable: boolean;

  constructor(code: KnowledgeErrorCode, message: string, options: { isRetryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KnowledgeError';
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
  }
}
