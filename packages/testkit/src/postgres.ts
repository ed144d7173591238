import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { reportProbe, type ServiceProbe } from './services';

/** The PostgreSQL URL tests use: DATABASE_URL, or the local server's `test` database (trust auth). */
export function testDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** A schema name unique to this test process and call; create it for one test file and drop it in afterAll. */
export function createTestSchemaName(label = 'db'): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 20);
  return `weft_test_${slug}_${process.pid}_${randomUUID().slice(0, 8)}`;
}

/** Drops a schema made with createTestSchemaName, everything in it included. */
export async function dropTestSchema(schema: string, url = testDatabaseUrl()): Promise<void> {
  if (!/^weft_test_[a-z0-9_]+$/.test(schema)) throw new Error(`Refusing to drop "${schema}": not a test schema.`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Checks that PostgreSQL answers a query. Outside CI an unreachable server is reported loudly and the caller
 * skips; with `CI` set it throws, so CI can never go green by skipping.
 */
export async function probePostgres(url = testDatabaseUrl()): Promise<ServiceProbe> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on('error', () => undefined);
  let probe: ServiceProbe;
  try {
    await client.connect();
    const result = await client.query<{ one: number }>('SELECT 1 AS one');
    probe = result.rows[0]?.one === 1 ? { ok: true, reason: '' } : { ok: false, reason: 'SELECT 1 returned no row' };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const text = error instanceof Error ? error.message : String(error);
    probe = { ok: false, reason: text || (typeof code === 'string' ? code : String(error)) };
  } finally {
    await client.end().catch(() => undefined);
  }
  return reportProbe('PostgreSQL', redact(url), probe);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
