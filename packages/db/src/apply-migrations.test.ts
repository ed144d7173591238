import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createTestSchemaName, dropTestSchema, probePostgres, testDatabaseUrl } from '@weft/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from './apply-migrations';
import { DbError } from './db-error';
import { pgliteConnection, postgresConnection, type SqlConnection } from './sql-connection';

const postgres = await probePostgres();

interface Session {
  connection: SqlConnection;
  end(): Promise<void>;
}

/** Each test gets its own schema, so tests share one database (one PGlite per file) without seeing each other. */
interface Target {
  name: 'pglite' | 'postgres';
  available: boolean;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  session(schema: string): Promise<Session>;
}

let pglite: PGlite | undefined;
const pgliteTarget: Target = {
  name: 'pglite',
  available: true,
  setUp: async () => {
    pglite = await PGlite.create();
  },
  tearDown: async () => pglite?.close(),
  session: async (schema) => {
    const db = pglite!;
    await db.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}"`);
    return { connection: pgliteConnection(db), end: async () => undefined };
  },
};

const schemas = new Set<string>();
const postgresTarget: Target = {
  name: 'postgres',
  available: postgres.ok,
  setUp: async () => undefined,
  tearDown: async () => {
    for (const schema of schemas) await dropTestSchema(schema);
  },
  session: async (schema) => {
    schemas.add(schema);
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}"`);
    return { connection: postgresConnection(client), end: () => client.end() };
  },
};

let fixtures: string;
beforeAll(async () => {
  fixtures = await mkdtemp(join(tmpdir(), 'weft-migrations-'));
});
afterAll(async () => {
  await rm(fixtures, { recursive: true, force: true });
});

/** A fresh migrations folder holding the given `name → sql` migrations. */
async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(fixtures, 'case-'));
  for (const [name, sql] of Object.entries(migrations)) await writeMigration(dir, name, sql);
  return dir;
}

async function writeMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, 'migration.sql'), sql);
}

const first = 'CREATE TABLE things (id INT PRIMARY KEY, label TEXT NOT NULL);\nCREATE INDEX things_label ON things (label);\n';
const second = 'ALTER TABLE things ADD COLUMN weight INT NOT NULL DEFAULT 0;\n';

describe.each([pgliteTarget, postgresTarget])('applyMigrations on $name', (target) => {
  describe.skipIf(!target.available)('', () => {
    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());

    it('applies every migration from an empty schema, in folder-name order, then is idempotent', async () => {
      const dir = await migrationsFolder({ '20260102000000_second': second, '20260101000000_first': first });
      const { connection, end } = await target.session(createTestSchemaName('apply'));
      try {
        const result = await applyMigrations(connection, { migrationsDir: dir });
        expect(result).toEqual({ applied: ['20260101000000_first', '20260102000000_second'], alreadyApplied: [] });
        await connection.query(`INSERT INTO things (id, label, weight) VALUES (1, 'a', 3)`);

        const again = await applyMigrations(connection, { migrationsDir: dir });
        expect(again).toEqual({ applied: [], alreadyApplied: ['20260101000000_first', '20260102000000_second'] });
        expect(await connection.query('SELECT id, label, weight FROM things')).toEqual([{ id: 1, label: 'a', weight: 3 }]);
      } finally {
        await end();
      }
    });

    it('records each migration in _prisma_migrations the way Prisma does', async () => {
      const dir = await migrationsFolder({ '20260101000000_first': first });
      const { connection, end } = await target.session(createTestSchemaName('rows'));
      try {
        await applyMigrations(connection, { migrationsDir: dir });
        const rows = await connection.query<Record<string, unknown>>(
          'SELECT *, finished_at >= started_at AS ordered FROM _prisma_migrations',
        );
        expect(rows).toHaveLength(1);
        const row = rows[0]!;
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.checksum).toBe(createHash('sha256').update(first).digest('hex'));
        expect(row).toMatchObject({
          migration_name: '20260101000000_first',
          logs: null,
          rolled_back_at: null,
          applied_steps_count: 1,
          ordered: true,
        });
        expect(row.finished_at).toBeInstanceOf(Date);

        const columns = await connection.query<{ column_name: string; data_type: string; is_nullable: string }>(
          `SELECT column_name, data_type, character_maximum_length AS length, is_nullable
             FROM information_schema.columns
            WHERE table_name = '_prisma_migrations' AND table_schema = current_schema()
            ORDER BY ordinal_position`,
        );
        expect(columns).toEqual([
          { column_name: 'id', data_type: 'character varying', length: 36, is_nullable: 'NO' },
          { column_name: 'checksum', data_type: 'character varying', length: 64, is_nullable: 'NO' },
          { column_name: 'finished_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES' },
          { column_name: 'migration_name', data_type: 'character varying', length: 255, is_nullable: 'NO' },
          { column_name: 'logs', data_type: 'text', length: null, is_nullable: 'YES' },
          { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES' },
          { column_name: 'started_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'NO' },
          { column_name: 'applied_steps_count', data_type: 'integer', length: null, is_nullable: 'NO' },
        ]);
      } finally {
        await end();
      }
    });

    it('refuses to start when an applied migration was edited', async () => {
      const dir = await migrationsFolder({ '20260101000000_first': first });
      const { connection, end } = await target.session(createTestSchemaName('checksum'));
      try {
        await applyMigrations(connection, { migrationsDir: dir });
        await writeMigration(dir, '20260101000000_first', `${first}-- edited after the fact\n`);
        const error = await applyMigrations(connection, { migrationsDir: dir }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(DbError);
        expect(error).toMatchObject({ code: 'migration_checksum_mismatch', migrationName: '20260101000000_first' });
        expect((error as DbError).message).toContain('new migration');
      } finally {
        await end();
      }
    });

    it('rolls a failing migration back completely, records nothing, and applies it once fixed', async () => {
      const broken = 'CREATE TABLE half_done (id INT);\nSELECT 1 / 0;\n';
      const dir = await migrationsFolder({ '20260101000000_first': first, '20260102000000_broken': broken });
      const { connection, end } = await target.session(createTestSchemaName('rollback'));
      try {
        const error = await applyMigrations(connection, { migrationsDir: dir }).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'migration_failed', migrationName: '20260102000000_broken' });
        expect((error as Error).message).toMatch(/division by zero/);
        const [table] = await connection.query<{ table: string | null }>(
          `SELECT to_regclass('half_done')::text AS "table"`,
        );
        expect(table?.table).toBeNull();
        const names = await connection.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations');
        expect(names).toEqual([{ migration_name: '20260101000000_first' }]);

        await writeMigration(dir, '20260102000000_broken', 'CREATE TABLE half_done (id INT);\n');
        const result = await applyMigrations(connection, { migrationsDir: dir });
        expect(result).toEqual({ applied: ['20260102000000_broken'], alreadyApplied: ['20260101000000_first'] });
      } finally {
        await end();
      }
    });

    it('says where it looked for migrations and how to write the first one', async () => {
      const { connection, end } = await target.session(createTestSchemaName('missing'));
      try {
        const missing = join(fixtures, 'no-such-folder');
        const error = await applyMigrations(connection, { migrationsDir: missing }).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'migrations_not_found' });
        expect((error as Error).message).toContain(missing);
        expect((error as Error).message).toContain('npm run db:diff -- init');
      } finally {
        await end();
      }
    });

    it('stops on a migration another tool left unfinished instead of running it twice', async () => {
      const dir = await migrationsFolder({ '20260101000000_first': first });
      const { connection, end } = await target.session(createTestSchemaName('unfinished'));
      try {
        await applyMigrations(connection, { migrationsDir: await migrationsFolder({}) });
        await connection.query(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          ['00000000-0000-4000-8000-000000000000', 'x'.repeat(64), '20260101000000_first'],
        );
        const error = await applyMigrations(connection, { migrationsDir: dir }).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'migration_left_failed', migrationName: '20260101000000_first' });
        expect((error as Error).message).toContain('prisma migrate resolve --rolled-back 20260101000000_first');
      } finally {
        await end();
      }
    });
  });
});

describe.skipIf(!postgres.ok)('applyMigrations with concurrent starters on postgres', () => {
  afterAll(() => postgresTarget.tearDown());

  it('serialises them on the advisory lock: each migration is applied exactly once', async () => {
    const dir = await migrationsFolder({ '20260101000000_first': first, '20260102000000_second': second });
    const schema = createTestSchemaName('concurrent');
    const sessions: Session[] = [];
    for (let index = 0; index < 3; index += 1) sessions.push(await postgresTarget.session(schema));
    try {
      const results = await Promise.all(
        sessions.map(({ connection }) => applyMigrations(connection, { migrationsDir: dir })),
      );
      const appliedBy = results.map((result) => result.applied.length).sort();
      expect(appliedBy).toEqual([0, 0, 2]);
      const rows = await sessions[0]!.connection.query('SELECT migration_name FROM _prisma_migrations');
      expect(rows).toHaveLength(2);
    } finally {
      await Promise.all(sessions.map((session) => session.end()));
    }
  });
});
