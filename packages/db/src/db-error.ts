/** Every failure @weft/db reports has one of these codes. */
export const dbErrorCodes = [
  'invalid_options',
  'db_unreachable',
  'pglite_open_failed',
  'migrations_not_found',
  'migration_failed',
  'migration_checksum_mismatch',
  'migration_left_failed',
] as const;

export type DbErrorCode = (typeof dbErrorCodes)[number];

/** A typed data-layer failure. Callers branch on `code`; the message says how to fix it. */
export class DbError extends Error {
  readonly code: DbErrorCode;
  /** Only `db_unreachable` is worth retrying (the server may still be starting). */
  readonly isRetryable: boolean;
  /** The migration concerned, for the migration_* codes. */
  readonly migrationName: string | undefined;

  constructor(init: { code: DbErrorCode; message: string; migrationName?: string; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'DbError';
    this.code = init.code;
    this.isRetryable = init.code === 'db_unreachable';
    this.migrationName = init.migrationName;
  }
}

export function isDbError(value: unknown): value is DbError {
  return value instanceof DbError;
}

export function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
