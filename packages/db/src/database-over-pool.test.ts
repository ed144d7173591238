import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';
import type { Database } from './database';

// The embedded database in its child process has one session, shared by Prisma and raw SQL.
describe('the embedded database over its one-session pool', () => {
  let dataDir: string;
  let database: Database;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'weft-db-pool-'));
    database = await openDatabase({ dataDir, embeddedProcess: 'child' });
  });
  afterAll(async () => {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lets an interactive transaction wait longer than Prisma’s default 2 s behind a busy session', async () => {
    const busy = database.embeddedSql!.query('SELECT pg_sleep(2.5)');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the sleep has the session
    const transaction = database.prisma.$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { name: 'queued' } });
      return tx.workspace.findUniqueOrThrow({ where: { id: workspace.id } });
    });
    await busy;
    await expect(transaction).resolves.toMatchObject({ name: 'queued' });
  }, 20_000);
});
