import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestSchemaName, dropTestSchema, probePostgres, testDatabaseUrl } from './postgres';

const postgres = await probePostgres();

describe('probePostgres', () => {
  const savedCi = process.env.CI;
  afterEach(() => {
    if (savedCi === undefined) delete process.env.CI;
    else process.env.CI = savedCi;
    vi.restoreAllMocks();
  });

  it.skipIf(!postgres.ok)('answers ok for the real local PostgreSQL', async () => {
    expect(await probePostgres(testDatabaseUrl())).toEqual({ ok: true, reason: '' });
  });

  it('reports an unreachable server loudly, without its password, and lets the caller skip outside CI', async () => {
    delete process.env.CI;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const probe = await probePostgres('postgres://weft:s3cret@127.0.0.1:1/test');
    expect(probe.ok).toBe(false);
    expect(probe.reason).not.toBe('');
    const warning = String(warn.mock.calls[0]?.[0]);
    expect(warning).toContain('SKIPPING PostgreSQL TESTS');
    expect(warning).not.toContain('s3cret');
  });

  it('fails instead of skipping when CI is set', async () => {
    process.env.CI = 'true';
    await expect(probePostgres('postgres://postgres@127.0.0.1:1/test')).rejects.toThrow(/CI is set/);
  });
});

describe('test schemas', () => {
  it('names are unique per call and valid unquoted identifiers', () => {
    const a = createTestSchemaName('Open DB');
    const b = createTestSchemaName('Open DB');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^weft_test_open_db_\d+_[0-9a-f]{8}$/);
    expect(a.length).toBeLessThanOrEqual(63);
  });

  it('dropTestSchema refuses a name createTestSchemaName did not make', async () => {
    await expect(dropTestSchema('public')).rejects.toThrow(/not a test schema/);
  });

  it.skipIf(!postgres.ok)('dropTestSchema drops a test schema with everything in it', async () => {
    const schema = createTestSchemaName('drop');
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".t (id int)`);
      await dropTestSchema(schema);
      const { rows } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
