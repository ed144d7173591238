import pg from 'pg';
import { createTestSchemaName, dropTestSchema, probePostgres, testDatabaseUrl } from '@weft/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeError } from '../spec';
import { createPgvectorStore } from './pgvector-store';
import { describeVectorStoreContract } from './vector-store.contract';

const postgres = await probePostgres();
const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2, options: '-c hnsw.iterative_scan=strict_order' });
pool.on('error', () => undefined);
const schema = createTestSchemaName('vectors');
const available = postgres.ok
  ? (await pool.query<{ count: string }>(`SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'`)).rows[0]?.count !== '0'
  : false;

afterAll(async () => {
  if (postgres.ok) await dropTestSchema(schema);
  await pool.end();
});

describe.skipIf(!postgres.ok || available)('pgvector store on a PostgreSQL without pgvector', () => {
  it('fails with pgvector_missing naming the three ways out, and creates nothing', async () => {
    const store = createPgvectorStore({ sql: pool, schema });
    let caught: unknown;
    try {
      await store.ensureCollection('kb', 512);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KnowledgeError);
    const error = caught as KnowledgeError;
    expect(error.code).toBe('pgvector_missing');
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/install the pgvector extension/);
    expect(error.message).toMatch(/QDRANT_URL/);
    expect(error.message).toMatch(/embedded PGlite store under the data directory/);
    const schemas = await pool.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema]);
    expect(schemas.rows).toEqual([]);
    // every operation says the same thing, not a confusing SQL error
    await expect(store.search([1, 0], { knowledgeBaseIds: ['kb'] }, 3)).rejects.toMatchObject({ code: 'pgvector_missing' });
  });
});

if (postgres.ok && available) {
  describeVectorStoreContract('pgvector in the local PostgreSQL', async () => createPgvectorStore({ sql: pool, schema }));
} else if (postgres.ok) {
  console.warn('This PostgreSQL has no pgvector: only the pgvector_missing path runs here (install pgvector to run the full contract).');
}
