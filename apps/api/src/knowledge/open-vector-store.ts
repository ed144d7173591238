import pg from 'pg';
import { createEmbeddedVectorStore, createPgvectorStore, createQdrantStore, pgvectorWaysOut } from '@weft/knowledge';
import type { SqlExecutor, VectorStore } from '@weft/knowledge/spec';
import type { Logger } from '@weft/workflow-engine/spec';
import type { Env } from '../env';

/** How the vector store was chosen, for the start-up log line. */
export interface OpenedVectorStore {
  store: VectorStore;
  kind: 'embedded-database' | 'embedded-directory' | 'pgvector' | 'qdrant';
  /** Where the vectors are, without secrets. */
  where: string;
}

export interface OpenVectorStoreOptions {
  env: Pick<Env, 'DATABASE_URL' | 'QDRANT_URL' | 'QDRANT_API_KEY' | 'WEFT_VECTOR_STORE'>;
  /**
   * The embedded database's SQL session (with pgvector) when DATABASE_URL is unset: PGlite itself, or the one-connection
   * pool to its child process. The store shares it; it never opens a second connection to the embedded database.
   */
  embeddedSql?: SqlExecutor;
  dataDir: string;
  logger: Logger;
}

/** Why no vector store could be chosen; the message names the ways out. */
export class VectorStoreConfigError extends Error {
  readonly code = 'vector_store_unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VectorStoreConfigError';
  }
}

const waysOut =
  'Either install the pgvector extension on this PostgreSQL (the pgvector/pgvector image in docker-compose.yml has it), ' +
  'set QDRANT_URL to a Qdrant server, or set WEFT_VECTOR_STORE=embedded to keep vectors in an embedded PGlite store under ' +
  'the data directory (<WEFT_DATA_DIR>/vectors; one API process only).';

/**
 * Chooses where vectors live, once at start-up:
 * - `WEFT_VECTOR_STORE=qdrant`, or `auto` with QDRANT_URL set → Qdrant;
 * - `auto` without DATABASE_URL → pgvector inside the embedded database itself (one PGlite, one data directory);
 * - `auto`/`pgvector` with DATABASE_URL → pgvector on that PostgreSQL if the extension is available, else an error
 *   naming the three ways out;
 * - `embedded` → a PGlite store of its own under `<dataDir>/vectors` (or the embedded database, when there is one).
 */
export async function openVectorStore(options: OpenVectorStoreOptions): Promise<OpenedVectorStore> {
  const { env, embeddedSql, dataDir, logger } = options;
  const choice = env.WEFT_VECTOR_STORE;
  if (choice === 'qdrant' || (choice === 'auto' && env.QDRANT_URL !== undefined)) {
    if (env.QDRANT_URL === undefined) throw new VectorStoreConfigError('WEFT_VECTOR_STORE=qdrant needs QDRANT_URL (e.g. http://localhost:6333). Set it, or choose another store.');
    return {
      store: createQdrantStore({ url: env.QDRANT_URL, apiKey: env.QDRANT_API_KEY, collectionPrefix: 'weft_segments' }),
      kind: 'qdrant',
      where: new URL(env.QDRANT_URL).origin,
    };
  }
  if (embeddedSql !== undefined && choice !== 'pgvector') {
    // No onClose: the database owns the session and closes it after the services.
    return { store: createPgvectorStore({ sql: embeddedSql }), kind: 'embedded-database', where: 'the embedded database' };
  }
  if (choice === 'embedded') {
    logger.info('vectors are kept in an embedded store under the data directory: run a single API process against it', { dataDir });
    return { store: createEmbeddedVectorStore({ dataDir }), kind: 'embedded-directory', where: `${dataDir}/vectors` };
  }
  if (env.DATABASE_URL === undefined) {
    throw new VectorStoreConfigError('WEFT_VECTOR_STORE=pgvector needs DATABASE_URL (a PostgreSQL with the pgvector extension).');
  }
  return openPostgresPgvector(env.DATABASE_URL);
}

async function openPostgresPgvector(databaseUrl: string): Promise<OpenedVectorStore> {
  // Filtered searches need iterative index scans on every pooled connection (pgvector ≥ 0.8).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, options: '-c hnsw.iterative_scan=strict_order' });
  pool.on('error', () => undefined);
  try {
    const available = await pool.query<{ name: string }>(`SELECT name FROM pg_available_extensions WHERE name = 'vector'`);
    if (available.rows.length === 0) {
      throw new VectorStoreConfigError(`This PostgreSQL has no pgvector extension, so knowledge bases have nowhere to keep vectors. ${waysOut}`);
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof VectorStoreConfigError) throw error;
    throw new VectorStoreConfigError(`Could not check PostgreSQL for pgvector (${error instanceof Error ? error.message : String(error)}). ${pgvectorWaysOut}`, { cause: error });
  }
  return {
    store: createPgvectorStore({ sql: pool, onClose: () => pool.end() }),
    kind: 'pgvector',
    where: 'PostgreSQL (DATABASE_URL)',
  };
}
