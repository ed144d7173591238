import pg from 'pg';
import { DbError, describeCause } from './db-error';

/** The URL without its password, for messages and logs. */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}

/**
 * A pool whose sessions see only `schema` (when given), checked by one real connection; the schema is created
 * if missing. Server-mode failures surface here, at start, as `db_unreachable` instead of on the first request.
 */
export async function openPostgresPool(databaseUrl: string, schema: string | undefined): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    connectionTimeoutMillis: 5_000,
    // Schema names are validated as plain identifiers, so they need no quoting in the startup options.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', () => undefined); // an idle client dropping is not fatal; the next checkout reconnects
  try {
    const client = await pool.connect();
    try {
      if (schema !== undefined) await createSchema(client, schema);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DbError({
      code: 'db_unreachable',
      message:
        `Cannot use PostgreSQL at ${redactDatabaseUrl(databaseUrl)} (${describeCause(error)}). Start the server ` +
        '(see README), or fix DATABASE_URL; unset it to use the embedded database instead.',
      cause: error,
    });
  }
  return pool;
}

async function createSchema(client: pg.PoolClient, schema: string): Promise<void> {
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    // Two starters racing on CREATE SCHEMA IF NOT EXISTS: the loser sees a duplicate, which is fine.
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}
