import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { applyMigrations } from './apply-migrations';
import { noMigrations, type Database } from './database';
import { PrismaClient } from './generated/prisma/client';
import { postgresConnection } from './sql-connection';

const embeddedTransactionMaxWaitMs = 15_000;

export interface DatabaseOverPoolOptions {
  kind: Database['kind'];
  schema?: string;
  migrate: boolean;
  migrationsDir?: string;
  /** Exposed as `embeddedSql` (the embedded database in a child process). */
  embedded: boolean;
  /** Runs after the pool has ended (stops the embedded database's process). */
  afterClose?: () => Promise<void>;
  /** Passed on as `Database.lost`. */
  lost?: Promise<string>;
}

/**
 * Migrates through one checked-out client (advisory locks are per session) and puts Prisma on the pool. The pool
 * is ended (and `afterClose` run) if anything here fails, so the caller only hands it over.
 */
export async function databaseOverPool(pool: pg.Pool, options: DatabaseOverPoolOptions): Promise<Database> {
  const { kind, schema, migrate, migrationsDir, embedded, afterClose = async () => undefined } = options;
  const closePool = async () => {
    try {
      await pool.end();
    } finally {
      await afterClose();
    }
  };
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
    const adapter = new PrismaPg(pool, schema === undefined ? {} : { schema });
    // The embedded database has ONE session: a transaction waits for every query queued before it, so under load
    // Prisma's default 2 s wait for a connection could fail a transaction that is merely queued.
    const prisma = new PrismaClient(embedded ? { adapter, transactionOptions: { maxWait: embeddedTransactionMaxWaitMs } } : { adapter });
    return {
      prisma,
      kind,
      ...(embedded ? { embeddedSql: pool } : {}),
      ...(options.lost ? { lost: options.lost } : {}),
      migrations,
      close: async () => {
        try {
          await prisma.$disconnect();
        } finally {
          await closePool();
        }
      },
    };
  } catch (error) {
    await closePool().catch(() => undefined);
    throw error;
  }
}
