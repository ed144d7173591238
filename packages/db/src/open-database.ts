import { resolve } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { applyMigrations } from './apply-migrations';
import { noMigrations, type Database } from './database';
import { databaseOverPool } from './database-over-pool';
import { DbError } from './db-error';
import { startEmbeddedServer } from './embedded-server/start-embedded-server';
import { PrismaClient } from './generated/prisma/client';
import { openPglite } from './open-pglite';
import { openPostgresPool } from './open-postgres';
import { pgliteConnection } from './sql-connection';

export type { Database, EmbeddedSql } from './database';

export const openDatabaseOptionsSchema = z.object({
  /** `postgres://…` for server mode, `memory://` for a throw-away embedded database; unset → embedded on disk. */
  databaseUrl: z.string().min(1).optional(),
  /** Where the embedded database lives (in `<dataDir>/db`). */
  dataDir: z.string().min(1).default('./.weft'),
  /** Same as `databaseUrl: 'memory://'`: embedded, in memory, gone on close. For fast tests. */
  inMemory: z.boolean().default(false),
  /**
   * Where the embedded database on disk runs: `child` (default), a process of its own reached over a private unix
   * socket, keeping its memory and WASM work off this process; `inline`, inside this process. In memory is always inline.
   */
  embeddedProcess: z.enum(['child', 'inline']).default('child'),
  /** The embedded database's shared_buffers (PostgreSQL units: `16MB`, `128MB`, `1GB`). Most of its memory. */
  sharedBuffers: z
    .string()
    .regex(/^[1-9][0-9]*(kB|MB|GB)$/, 'a size with a unit, like 32MB')
    .default('32MB'),
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
type ParsedOptions = z.output<typeof openDatabaseOptionsSchema>;

/**
 * Opens weft's database: PostgreSQL when `databaseUrl` is `postgres://…`, otherwise embedded PGlite with pgvector:
 * on disk in `<dataDir>/db` (in a child process unless `embeddedProcess: 'inline'`), or in memory in this process.
 * Pending migrations are applied before it resolves.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const parsed = openDatabaseOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new DbError({ code: 'invalid_options', message: `Invalid openDatabase options (${problems}).` });
  }
  const { databaseUrl, dataDir, inMemory, schema, migrate, migrationsDir } = parsed.data;
  if (databaseUrl === undefined || databaseUrl === 'memory://') {
    if (inMemory || databaseUrl === 'memory://') return openInline(undefined, parsed.data);
    const dir = resolve(dataDir, 'db');
    return parsed.data.embeddedProcess === 'child' ? openChild(dir, parsed.data) : openInline(dir, parsed.data);
  }
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new DbError({
      code: 'invalid_options',
      message:
        'DATABASE_URL must start with postgres:// or postgresql:// (server mode), or be memory://; leave it unset ' +
        'for the embedded database.',
    });
  }
  const pool = await openPostgresPool(databaseUrl, schema);
  return databaseOverPool(pool, { kind: 'postgres', schema, migrate, migrationsDir, embedded: false });
}

async function openChild(dir: string, options: ParsedOptions): Promise<Database> {
  const server = await startEmbeddedServer({ dir, sharedBuffers: options.sharedBuffers });
  // One connection kept open: PGlite is a single session, and idling out would only reconnect to the same one.
  const pool = new pg.Pool({ ...server.connection, max: 1, idleTimeoutMillis: 0 });
  pool.on('error', () => undefined); // the child going away fails the next query instead of this process
  const { migrate, migrationsDir } = options;
  return databaseOverPool(pool, { kind: 'pglite', migrate, migrationsDir, embedded: true, afterClose: server.close, lost: server.lost });
}

async function openInline(dir: string | undefined, options: ParsedOptions): Promise<Database> {
  const { pglite, close } = await openPglite(dir, { sharedBuffers: options.sharedBuffers });
  try {
    const migrations = options.migrate
      ? await applyMigrations(pgliteConnection(pglite), { migrationsDir: options.migrationsDir })
      : noMigrations;
    // Only this path needs the adapter (and PGlite, which it imports): loaded here, not when @weft/db loads.
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      kind: 'pglite',
      embeddedSql: pglite,
      pglite,
      migrations,
      close: async () => {
        try {
          await prisma.$disconnect();
        } finally {
          await close();
        }
      },
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
