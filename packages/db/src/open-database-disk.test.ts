import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './open-database';
import { readMigrations } from './read-migrations';

// The embedded database on disk: the default for `npm start`. Opening PGlite takes seconds, so this file opens it
// twice only (write, then reopen) and checks everything on those two instances.
describe('openDatabase with the embedded database on disk', () => {
  let dataDir: string;
  let reopened: Database | undefined;
  let workspaceId: string;
  let firstMigrations: Database['migrations'];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'weft-db-'));
    const first = await openDatabase({ dataDir });
    firstMigrations = first.migrations;
    const workspace = await first.prisma.workspace.create({
      data: {
        name: 'kept',
        knowledgeBases: { create: { name: 'kb', embeddingModel: 'local:use-lite', chunkSettings: { size: 500 } } },
      },
    });
    workspaceId = workspace.id;
    await first.pglite!.exec(`CREATE TABLE embeddings (id TEXT PRIMARY KEY, embedding vector(3));
      INSERT INTO embeddings VALUES ('near', '[1,2,4]'), ('far', '[-3,1,0]')`);
    await first.close();
    reopened = await openDatabase({ dataDir });
  });

  afterAll(async () => {
    await reopened?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the database in <dataDir>/db', () => {
    expect(existsSync(join(dataDir, 'db', 'PG_VERSION'))).toBe(true);
  });

  it('refuses a second opener while the database is open, instead of letting two PGlite instances corrupt it', async () => {
    await expect(openDatabase({ dataDir })).rejects.toMatchObject({ code: 'pglite_open_failed' });
    expect(await reopened!.prisma.workspace.count()).toBe(1);
  });

  it('migrates on the first open and finds everything applied on the next', async () => {
    const names = (await readMigrations()).map((migration) => migration.name);
    expect(firstMigrations).toEqual({ applied: names, alreadyApplied: [] });
    expect(reopened!.migrations).toEqual({ applied: [], alreadyApplied: names });
  });

  it('keeps the rows written before closing', async () => {
    const workspace = await reopened!.prisma.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      include: { knowledgeBases: true },
    });
    expect(workspace.name).toBe('kept');
    expect(workspace.knowledgeBases).toEqual([expect.objectContaining({ name: 'kb', chunkSettings: { size: 500 }, generation: 0 })]);
  });

  it('keeps pgvector data and orders by cosine distance through Prisma', async () => {
    const rows = await reopened!.prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM embeddings ORDER BY embedding <=> ${'[1,2,3]'}::vector`;
    expect(rows.map((row) => row.id)).toEqual(['near', 'far']);
  });
});
