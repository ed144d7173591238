import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { ClientBase } from 'pg';

/**
 * One database session, below Prisma: what the migration applier needs. Prisma cannot run a multi-statement
 * migration.sql (it prepares every statement), so migrations go through the driver directly.
 */
export interface SqlConnection {
  /** Runs one parameterised statement and returns its rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (simple query protocol, no parameters). */
  exec(script: string): Promise<void>;
  /** Runs `work` in a transaction on this same session: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlConnection) => Promise<T>): Promise<T>;
}

type PGliteSession = Pick<PGlite, 'query' | 'exec'> | Transaction;

function pgliteSession(session: PGliteSession, transaction: SqlConnection['transaction']): SqlConnection {
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await session.query<Row>(sql, params);
      return result.rows;
    },
    async exec(script) {
      await session.exec(script);
    },
    transaction,
  };
}

export function pgliteConnection(pglite: PGlite): SqlConnection {
  return pgliteSession(pglite, (work) =>
    pglite.transaction((tx) =>
      work(
        pgliteSession(tx, () => {
          throw new Error('Nested transactions are not supported by the migration connection.');
        }),
      ),
    ),
  );
}

/** Wraps ONE checked-out pg client (not a pool), so session state such as advisory locks stays on it. */
export function postgresConnection(client: ClientBase): SqlConnection {
  const connection: SqlConnection = {
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await client.query<Row>(sql, params);
      return result.rows;
    },
    async exec(script) {
      // No parameters → node-postgres uses the simple query protocol, which accepts several statements.
      await client.query(script);
    },
    async transaction(work) {
      await client.query('BEGIN');
      try {
        const result = await work({
          ...connection,
          transaction: () => {
            throw new Error('Nested transactions are not supported by the migration connection.');
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
  return connection;
}
