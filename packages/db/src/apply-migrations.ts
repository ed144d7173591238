import { randomUUID } from 'node:crypto';
import { DbError, describeCause } from './db-error';
import { readMigrations, type LocalMigration } from './read-migrations';
import type { SqlConnection } from './sql-connection';

/** Prisma's own DDL for its history table (schema engine, PostgreSQL), so `prisma migrate deploy` reads our rows. */
export const prismaMigrationsTableDdl = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

/** The advisory lock key Prisma Migrate itself takes, so we also serialise with `prisma migrate deploy`. */
const migrationLockKey = 72707369;

export interface ApplyMigrationsOptions {
  /** Folder of `<name>/migration.sql`; defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
}

export interface ApplyMigrationsResult {
  /** Names applied by this call, in order. */
  applied: string[];
  /** Names found already applied (checksums verified). */
  alreadyApplied: string[];
}

interface HistoryRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

/**
 * Applies every pending migration, each in its own transaction, and records it in `_prisma_migrations` exactly as
 * Prisma does. Idempotent; concurrent callers serialise on an advisory lock. An applied migration whose file
 * changed since fails with `migration_checksum_mismatch`.
 */
export async function applyMigrations(
  connection: SqlConnection,
  options: ApplyMigrationsOptions = {},
): Promise<ApplyMigrationsResult> {
  const migrations = await readMigrations(options.migrationsDir);
  await connection.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
  try {
    await ensureHistoryTable(connection);
    const history = await connection.query<HistoryRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations WHERE rolled_back_at IS NULL',
    );
    const alreadyApplied: string[] = [];
    const pending: LocalMigration[] = [];
    for (const migration of migrations) {
      if (isApplied(migration, history)) alreadyApplied.push(migration.name);
      else pending.push(migration);
    }
    for (const migration of pending) await applyOne(connection, migration);
    return { applied: pending.map((migration) => migration.name), alreadyApplied };
  } finally {
    await connection.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
  }
}

async function ensureHistoryTable(connection: SqlConnection): Promise<void> {
  const [row] = await connection.query<{ table: string | null }>(
    `SELECT to_regclass('_prisma_migrations')::text AS "table"`,
  );
  if (!row?.table) await connection.exec(prismaMigrationsTableDdl);
}

function isApplied(migration: LocalMigration, history: HistoryRow[]): boolean {
  const rows = history.filter((row) => row.migration_name === migration.name);
  const finished = rows.find((row) => row.finished_at !== null);
  if (finished) {
    if (finished.checksum !== migration.checksum) {
      throw new DbError({
        code: 'migration_checksum_mismatch',
        migrationName: migration.name,
        message:
          `Migration ${migration.name} was applied with checksum ${finished.checksum}, but its migration.sql now ` +
          `hashes to ${migration.checksum}. Applied migrations must not change: restore the file from git and put ` +
          'the change in a new migration (`npm run db:diff -- <name>`).',
      });
    }
    return true;
  }
  if (rows.length > 0) {
    throw new DbError({
      code: 'migration_left_failed',
      migrationName: migration.name,
      message:
        `Migration ${migration.name} is recorded as started but never finished in _prisma_migrations (a failed ` +
        '`prisma migrate deploy`?). Repair the database by hand, then mark it with ' +
        `\`prisma migrate resolve --rolled-back ${migration.name}\` (or delete its row) and start again.`,
    });
  }
  return false;
}

async function applyOne(connection: SqlConnection, migration: LocalMigration): Promise<void> {
  const startedAt = new Date();
  try {
    await connection.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO _prisma_migrations
           (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
        [randomUUID(), migration.checksum, migration.name, startedAt],
      );
    });
  } catch (error) {
    throw new DbError({
      code: 'migration_failed',
      migrationName: migration.name,
      message:
        `Migration ${migration.name} failed and was rolled back (${describeCause(error)}). Fix ` +
        `prisma/migrations/${migration.name}/migration.sql, or the data it trips on, and start again.`,
      cause: error,
    });
  }
}
