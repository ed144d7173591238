import type { PGlite } from '@electric-sql/pglite';
import type { ApplyMigrationsResult } from './apply-migrations';
import type { PrismaClient } from './generated/prisma/client';

/**
 * Raw parameterised SQL on the embedded database, below Prisma: the shape the knowledge package's pgvector store
 * takes (`createPgvectorStore({ sql })`). Both a PGlite and a pg pool have it.
 */
export interface EmbeddedSql {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

export interface Database {
  prisma: PrismaClient;
  /** `pglite` for the embedded database, whether it runs in a child process or in this one. */
  kind: 'pglite' | 'postgres';
  /**
   * The embedded database's session for raw SQL (the knowledge package's vector table); absent in server mode.
   * In a child process it is the one-connection pool Prisma also uses: never open a second connection to it.
   */
  embeddedSql?: EmbeddedSql;
  /** The embedded database itself, only when it runs in this process (`embeddedProcess: 'inline'`, in memory). */
  pglite?: PGlite;
  /** What the open did to the schema; both lists are empty when `migrate` is false. */
  migrations: ApplyMigrationsResult;
  /** Disconnects Prisma and closes the pool or the embedded database (and stops its child process). */
  close(): Promise<void>;
  /**
   * Only for the embedded database in a child process: resolves with a message if that process dies while open
   * (every query fails from then on); never resolves otherwise. The owner decides what to do, e.g. stop and say why.
   */
  lost?: Promise<string>;
}

export const noMigrations: ApplyMigrationsResult = { applied: [], alreadyApplied: [] };
