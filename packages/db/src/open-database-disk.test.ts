import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './open-database';
import { readMigrations } from './read-migrations';

// The embedded database on disk: the default for `npm start`, in a child process (or inline, when asked). Opening
// PGlite takes seconds, so each mode opens it twice only (write, then reopen) and checks everything on those two.
describe.each(['child', 'inline'] as const)('openDatabase with the embedded database on disk, %s', (embeddedProcess) => {
  let dataDir: string;
  let reopened: Database | undefined;
  let workspaceId: string;
  let firstMigrations: Database['migrations'];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'weft-db-'));
    const first = await openDatabase({ dataDir, embeddedProcess });
    firstMigrations = first.migrations;
    const workspace = await first.prisma.workspace.create({
      data: {
        name: 'kept',
        knowledgeBases: { create: { name: 'kb', embeddingModel: 'local:use-lite', chunkSettings: { size: 500 } } },
      },
    });
    workspaceId = workspace.id;
    await first.embeddedSql!.query('CREATE TABLE embeddings (id TEXT PRIMARY KEY, embedding vector(3))');
    await first.embeddedSql!.query(`INSERT INTO embeddings VALUES ($1, $2::vector), ($3, $4::vector)`, ['near', '[1,2,4]', 'far', '[-3,1,0]']);
    await first.close();
    reopened = await openDatabase({ dataDir, embeddedProcess, sharedBuffers: '16MB' });
  });

  afterAll(async () => {
    await reopened?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the database in <dataDir>/db, exposing its SQL session, and PGlite itself only inline', () => {
    expect(existsSync(join(dataDir, 'db', 'PG_VERSION'))).toBe(true);
    expect(reopened!.kind).toBe('pglite');
    expect(reopened!.embeddedSql).toBeDefined();
    expect(reopened!.pglite === undefined).toBe(embeddedProcess === 'child');
  });

  it('refuses a second opener while the database is open, saying how to fix it', async () => {
    const error = await openDatabase({ dataDir, embeddedProcess }).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'pglite_open_failed', message: expect.stringContaining('Stop the other weft process') });
    // The lock names the process that owns the files: the child, or this process when inline.
    const owner = Number(await readFile(join(dataDir, 'db.lock'), 'utf8'));
    expect(owner === process.pid).toBe(embeddedProcess === 'inline');
    expect(await reopened!.prisma.workspace.count()).toBe(1);
  });

  it('applies sharedBuffers to the embedded database', async () => {
    const { rows } = await reopened!.embeddedSql!.query<{ shared_buffers: string }>('SHOW shared_buffers');
    expect(rows).toEqual([{ shared_buffers: '16MB' }]);
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

  it('keeps pgvector data and orders by cosine distance, through Prisma and through the SQL session', async () => {
    const rows = await reopened!.prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM embeddings ORDER BY embedding <=> ${'[1,2,3]'}::vector`;
    expect(rows.map((row) => row.id)).toEqual(['near', 'far']);
    const raw = await reopened!.embeddedSql!.query<{ id: string }>('SELECT id FROM embeddings ORDER BY embedding <=> $1::vector', ['[-3,1,0]']);
    expect(raw.rows.map((row) => row.id)).toEqual(['far', 'near']);
  });

  it('runs Prisma transactions and raw SQL side by side on the one session without deadlocking', async () => {
    const created = reopened!.prisma.$transaction(async (tx) => tx.workspace.create({ data: { name: 'in-tx' } }));
    const counted = reopened!.embeddedSql!.query<{ n: number }>('SELECT count(*)::int AS n FROM embeddings');
    await expect(Promise.all([created, counted])).resolves.toEqual([expect.objectContaining({ name: 'in-tx' }), expect.objectContaining({ rows: [{ n: 2 }] })]);
    await reopened!.prisma.workspace.deleteMany({ where: { name: 'in-tx' } });
  });
});
