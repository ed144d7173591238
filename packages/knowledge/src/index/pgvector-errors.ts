import { KnowledgeError } from '../spec';

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// PostgreSQL ≤ 15 says "could not open extension control file ... vector.control" (58P01); 16+ says
// 'extension "vector" is not available' (0A000).
function isMissingExtension(error: unknown): boolean {
  const code = codeOf(error);
  const text = messageOf(error);
  return code === '58P01' || code === '0A000' || /extension "vector" is not available|vector\.control/.test(text);
}

const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P03', '08000', '08003', '08006']);

export const pgvectorWaysOut =
  'Three ways out: (1) install the pgvector extension on this PostgreSQL (https://github.com/pgvector/pgvector#installation, ' +
  'or use the pgvector/pgvector image as docker-compose.yml does); (2) set QDRANT_URL to keep vectors in Qdrant; ' +
  '(3) keep vectors in the embedded PGlite store under the data directory (<data dir>/vectors), which needs no server.';

/** The error `CREATE EXTENSION vector` failed with, as a KnowledgeError that says what to do. */
export function extensionError(error: unknown): KnowledgeError {
  if (isMissingExtension(error)) {
    return new KnowledgeError('pgvector_missing', `This PostgreSQL has no pgvector extension (${messageOf(error)}). ${pgvectorWaysOut}`, {
      cause: error,
    });
  }
  if (codeOf(error) === '42501') {
    return new KnowledgeError(
      'vector_store_unavailable',
      `pgvector is installed on the server but this database user may not enable it (${messageOf(error)}). ` +
        'Run "CREATE EXTENSION vector" once as a superuser in this database, or give the user the right to.',
      { cause: error },
    );
  }
  return storeError('enable the vector extension', error);
}

/** Wraps a failed query; connection failures are retryable. */
export function storeError(action: string, error: unknown): KnowledgeError {
  if (error instanceof KnowledgeError) return error;
  const code = codeOf(error);
  const retryable = code !== undefined && connectionCodes.has(code);
  return new KnowledgeError(
    'vector_store_unavailable',
    `The pgvector store could not ${action}: ${messageOf(error)}.` +
      (retryable ? ' The database is unreachable; it is retried when it is back.' : ' Check the database logs for the failing statement.'),
    { cause: error, isRetryable: retryable },
  );
}
