import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { z } from 'zod';
import { applyMigrations, type ApplyMigrationsResult } from './apply-migrations';
import { DbError } from './db-error';
import { PrismaClient } from './generated/prisma/client';
import { openPglite } from './open-pglite';
import { openPostgresPool } from './open-postgres';
import { pgliteConnection, postgresConnection } from './sql-connection';

export const openDatabaseOptionsSchema = z.object({
  /** `postgres://…` for server mode, `memory://` for a throw-away embedded database; unset → embedded on disk. */
  databaseUrl: z.string().min(1).optional(),
  /** Where the embedded database lives (in `<dataDir>/db`). */
  dataDir: z.string().min(1).default('./.weft'),
  /** Same as `databaseUrl: 'memory://'`: embedded, in memory, gone on close. For fast tests. */
  inMemory: z.boolean().default(false),
  /** PostgreSQL schema to use (created if missing), e.g. one per test run. Plain lower-case identifier. */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case identifier of letters, digits and _ (at most 63)')
    .optional(),
  /** Apply pending migrations on open (default true). */
  migrate: z.boolean().default(true),
  /** Defaults to the repository's prisma/migrations. */
  migrationsDir: z.string().min(1).optional(),
});

export type OpenDatabaseOptions = z.input<typeof openDatabaseOptionsSchema>;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** The embedded database itself, for raw SQL below Prisma (the knowledge package's vector table). */
  pglite?: PGlite;
  /** What the open did to the schema; both lists are empty when `migrate` is false. */
  migrations: ApplyMigrationsResult;
  /** Disconnects Prisma and closes the pool or the embedded database. */
  close(): Promise<void>;
}

const noMigrations: ApplyMigrationsResult = { applied: [], alreadyApplied: [] };

/**
 * Opens weft's database: PostgreSQL when `databaseUrl` is `postgres://…`, otherwise embedded PGlite (on disk in
 * `<dataDir>/db`, or in memory) with pgvector. Pending migrations are applied before it resolves.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const parsed = openDatabaseOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new DbError({ code: 'invalid_options', message: `Invalid openDatabase options (${problems}).` });
  }
  const { databaseUrl, dataDir, inMemory, schema, migrate, migrationsDir } = parsed.data;
  if (databaseUrl === undefined || databaseUrl === 'memory://') {
    const dir = inMemory || databaseUrl === 'memory://' ? undefined : resolve(dataDir, 'db');
    return openEmbedded(dir, migrate, migrationsDir);
  }
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new DbError({
      code: 'invalid_options',
      message:
        'DATABASE_URL must start with postgres:// or postgresql:// (server mode), or be memory://; leave it unset ' +
        'for the embedded database.',
    });
  }
  return openServer(databaseUrl, schema, migrate, migrationsDir);
}

async function openEmbedded(dir: string | undefined, migrate: boolean, migrationsDir?: string): Promise<Database> {
  const { pglite, close } = await openPglite(dir);
  try {
    const migrations = migrate ? await applyMigrations(pgliteConnection(pglite), { migrationsDir }) : noMigrations;
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      kind: 'pglite',
      pglite,
      migrations,
      close: async () => {
        await prisma.$disconnect();
        await close();
      },
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

async function openServer(
  databaseUrl: string,
  schema: string | undefined,
  migrate: boolean,
  migrationsDir?: string,
): Promise<Database> {
  const pool = await openPostgresPool(databaseUrl, schema);
  try {
    let migrations = noMigrations;
    if (migrate) {
      const client = await pool.connect();
      try {
        migrations = await applyMigrations(postgresConnection(client), { migrationsDir });
      } finally {
        client.release();
      }
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schema === undefined ? {} : { schema }) });
    return {
      prisma,
      kind: 'postgres',
      migrations,
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
