import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { KnowledgeError, type SqlExecutor } from '../spec';
import { createPgvectorStore, type PgvectorStore, type PgvectorStoreOptions } from './pgvector-store';

export interface EmbeddedVectorStoreOptions {
  /** weft's data directory; vectors go to `<dataDir>/vectors`. */
  dataDir: string;
  /**
   * Takes an exclusive lock on the directory and returns its release (PGlite does not lock its directory, and two
   * openers corrupt it). The API passes `@weft/db`'s data-directory lock.
   */
  lockDirectory?: (directory: string) => Promise<() => Promise<void>>;
  hnsw?: PgvectorStoreOptions['hnsw'];
}

/**
 * pgvector in a PGlite database on disk under `<dataDir>/vectors`: the way out for a PostgreSQL without pgvector and
 * no Qdrant. Opened on first use (PGlite takes seconds to start); `close()` closes it and releases the lock.
 */
export function createEmbeddedVectorStore(options: EmbeddedVectorStoreOptions): PgvectorStore {
  const directory = join(options.dataDir, 'vectors');
  let opened: Promise<{ database: PGlite; release: () => Promise<void> }> | undefined;

  async function open(): Promise<{ database: PGlite; release: () => Promise<void> }> {
    await mkdir(directory, { recursive: true });
    const release = (await options.lockDirectory?.(directory)) ?? (async () => undefined);
    try {
      // Imported on first use like the database itself: an API whose vectors live elsewhere never loads PGlite.
      const [{ PGlite }, { vector }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-pgvector')]);
      return { database: await PGlite.create(directory, { extensions: { vector } }), release };
    } catch (error) {
      await release();
      throw new KnowledgeError(
        'vector_store_unavailable',
        `Could not open the embedded vector store at ${directory} (${error instanceof Error ? error.message : String(error)}). ` +
          'If another weft process uses this data directory, stop it; if the folder is damaged, move it away and re-index the knowledge bases.',
        { cause: error },
      );
    }
  }

  const connection = () => {
    opened ??= open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };

  const sql: SqlExecutor = {
    query: async <Row>(text: string, params?: unknown[]) => (await connection()).database.query<Row>(text, params),
  };

  return createPgvectorStore({
    sql,
    hnsw: options.hnsw,
    onClose: async () => {
      if (opened === undefined) return;
      const pending = opened;
      opened = undefined;
      const { database, release } = await pending;
      try {
        await database.close();
      } finally {
        await release();
      }
    },
  });
}
