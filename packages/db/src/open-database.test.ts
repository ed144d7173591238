import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestSchemaName, dropTestSchema, probePostgres, testDatabaseUrl } from '@weft/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from './apply-migrations';
import type { PrismaClient } from './generated/prisma/client';
import { isUniqueViolation } from './is-unique-violation';
import { openDatabase, type Database } from './open-database';
import { defaultMigrationsDir, readMigrations } from './read-migrations';
import { pgliteConnection } from './sql-connection';

const postgres = await probePostgres();
const migrationNames = (await readMigrations()).map((migration) => migration.name);

interface Target {
  kind: 'pglite' | 'postgres';
  available: boolean;
  open(): Promise<Database>;
  /** Runs the migration step again on the same database, the way a second start would. */
  reopenMigrations(db: Database): Promise<{ applied: string[]; alreadyApplied: string[] }>;
  cleanUp(): Promise<void>;
}

const schema = createTestSchemaName('open');
const targets: Target[] = [
  {
    kind: 'pglite',
    available: true,
    open: () => openDatabase({ inMemory: true }),
    reopenMigrations: (db) => applyMigrations(pgliteConnection(db.pglite!)),
    cleanUp: async () => undefined,
  },
  {
    kind: 'postgres',
    available: postgres.ok,
    open: () => openDatabase({ databaseUrl: testDatabaseUrl(), schema }),
    reopenMigrations: async () => {
      const second = await openDatabase({ databaseUrl: testDatabaseUrl(), schema });
      await second.close();
      return second.migrations;
    },
    cleanUp: () => dropTestSchema(schema),
  },
];

async function createApp(prisma: PrismaClient, label: string) {
  const user = await prisma.user.create({ data: { email: `${label}-${Date.now()}@example.test`, name: label, passwordHash: 'h' } });
  const workspace = await prisma.workspace.create({
    data: { name: `${label} space`, memberships: { create: { userId: user.id, role: 'owner' } } },
  });
  const app = await prisma.app.create({
    data: {
      workspaceId: workspace.id,
      mode: 'chatflow',
      name: `${label} app`,
      createdById: user.id,
      draft: { create: { graph: { nodes: [], edges: [] }, updatedById: user.id } },
    },
  });
  return { user, workspace, app };
}

describe.each(targets)('openDatabase on $kind', (target) => {
  describe.skipIf(!target.available)('', () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(async () => {
      await db?.close();
      await target.cleanUp();
    });

    it('applies the repository migrations to an empty database, and a second start applies nothing', async () => {
      expect(db.kind).toBe(target.kind);
      expect(db.migrations).toEqual({ applied: migrationNames, alreadyApplied: [] });
      expect(await target.reopenMigrations(db)).toEqual({ applied: [], alreadyApplied: migrationNames });
    });

    it('records the migrations with the checksum Prisma computes (sha256 of migration.sql)', async () => {
      const rows = await db.prisma.$queryRaw<{ migration_name: string; checksum: string; applied_steps_count: number }[]>`
        SELECT migration_name, checksum, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`;
      const expected = migrationNames.map((name) => ({
        migration_name: name,
        checksum: createHash('sha256').update(readFileSync(join(defaultMigrationsDir, name, 'migration.sql'))).digest('hex'),
        applied_steps_count: 1,
      }));
      expect(rows).toEqual(expected);
    });

    it('creates and reads across the main relations', async () => {
      const { prisma } = db;
      const { user, workspace, app } = await createApp(prisma, 'crud');
      const version = await prisma.workflowVersion.create({
        data: { appId: app.id, number: 1, graph: { nodes: [{ id: 'start' }] }, authorId: user.id, note: 'first' },
      });
      const conversation = await prisma.conversation.create({ data: { appId: app.id, endUser: 'visitor-1' } });
      const run = await prisma.run.create({
        data: {
          appId: app.id,
          versionId: version.id,
          source: 'webapp',
          inputs: { query: 'hi' },
          conversationId: conversation.id,
          endUser: 'visitor-1',
          nodeRuns: {
            create: [
              { nodeId: 'start', nodeType: 'start', status: 'succeeded', index: 0 },
              { nodeId: 'llm', nodeType: 'llm', status: 'succeeded', index: 1, cached: true, inputTokens: 12 },
            ],
          },
        },
      });
      await prisma.message.create({
        data: { conversationId: conversation.id, runId: run.id, query: 'hi', answer: 'hello', feedback: 'like' },
      });
      const kb = await prisma.knowledgeBase.create({
        data: { workspaceId: workspace.id, name: 'docs', embeddingModel: 'local:use-lite' },
      });
      const document = await prisma.document.create({
        data: { knowledgeBaseId: kb.id, name: 'a.txt', source: 'text', sourceText: 'x', chunkMode: 'parent_child', tags: ['faq'] },
      });
      const parent = await prisma.segment.create({
        data: { documentId: document.id, knowledgeBaseId: kb.id, position: 0, content: 'parent' },
      });
      await prisma.segment.create({
        data: { documentId: document.id, knowledgeBaseId: kb.id, position: 1, content: 'child', parentId: parent.id },
      });

      const loaded = await prisma.app.findUniqueOrThrow({
        where: { id: app.id },
        include: {
          workspace: { include: { memberships: true } },
          draft: true,
          versions: true,
          runs: { include: { nodeRuns: { orderBy: { index: 'asc' } }, message: true, conversation: true } },
        },
      });
      expect(loaded.workspace.memberships).toEqual([expect.objectContaining({ userId: user.id, role: 'owner' })]);
      expect(loaded.draft).toMatchObject({ version: 1, graph: { nodes: [], edges: [] }, updatedById: user.id });
      expect(loaded.versions.map((row) => row.number)).toEqual([1]);
      const [loadedRun] = loaded.runs;
      expect(loadedRun).toMatchObject({ status: 'running', inputs: { query: 'hi' }, outputs: null, error: null });
      expect(loadedRun?.nodeRuns.map((row) => [row.nodeId, row.cached])).toEqual([['start', false], ['llm', true]]);
      expect(loadedRun?.message).toMatchObject({ answer: 'hello', feedback: 'like' });
      expect(loadedRun?.conversation?.endUser).toBe('visitor-1');

      const segments = await prisma.segment.findMany({ where: { documentId: document.id }, include: { children: true } });
      expect(segments.find((row) => row.id === parent.id)?.children.map((row) => row.content)).toEqual(['child']);
      expect(await prisma.document.findUniqueOrThrow({ where: { id: document.id } })).toMatchObject({
        status: 'queued',
        chunkMode: 'parent_child',
        tags: ['faq'],
      });
    });

    it('deletes an app with everything that hangs off it', async () => {
      const { prisma } = db;
      const { app } = await createApp(prisma, 'cascade');
      const conversation = await prisma.conversation.create({ data: { appId: app.id, endUser: 'u' } });
      const run = await prisma.run.create({
        data: {
          appId: app.id,
          source: 'api',
          conversationId: conversation.id,
          nodeRuns: { create: { nodeId: 'n', nodeType: 'end', status: 'succeeded', index: 0 } },
        },
      });
      await prisma.message.create({ data: { conversationId: conversation.id, runId: run.id, query: 'q' } });
      await prisma.apiKey.create({ data: { appId: app.id, keyHash: `cascade-${app.id}`, prefix: 'wk-' } });

      await prisma.app.delete({ where: { id: app.id } });
      const left = await Promise.all([
        prisma.workflowDraft.count({ where: { appId: app.id } }),
        prisma.run.count({ where: { appId: app.id } }),
        prisma.nodeRun.count({ where: { runId: run.id } }),
        prisma.conversation.count({ where: { appId: app.id } }),
        prisma.message.count({ where: { conversationId: conversation.id } }),
        prisma.apiKey.count({ where: { appId: app.id } }),
      ]);
      expect(left).toEqual([0, 0, 0, 0, 0, 0]);
    });

    it('raises P2002 for duplicate API key hashes, version numbers and idempotency keys', async () => {
      const { prisma } = db;
      const { app } = await createApp(prisma, 'unique');
      const keyHash = `hash-${app.id}`;
      await prisma.apiKey.create({ data: { appId: app.id, keyHash, prefix: 'wk-ab' } });
      const duplicateKey = await prisma.apiKey.create({ data: { appId: app.id, keyHash, prefix: 'wk-cd' } }).catch((e: unknown) => e);
      expect(duplicateKey).toMatchObject({ code: 'P2002' });
      expect(isUniqueViolation(duplicateKey, ['keyHash'])).toBe(true);

      await prisma.workflowVersion.create({ data: { appId: app.id, number: 1, graph: {} } });
      const duplicateVersion = await prisma.workflowVersion
        .create({ data: { appId: app.id, number: 1, graph: {} } })
        .catch((e: unknown) => e);
      expect(isUniqueViolation(duplicateVersion, ['appId', 'number'])).toBe(true);
      expect(isUniqueViolation(duplicateVersion, ['keyHash'])).toBe(false);

      await prisma.run.create({ data: { appId: app.id, source: 'api', idempotencyKey: 'req-1' } });
      const duplicateRun = await prisma.run
        .create({ data: { appId: app.id, source: 'api', idempotencyKey: 'req-1' } })
        .catch((e: unknown) => e);
      expect(isUniqueViolation(duplicateRun, ['appId', 'idempotencyKey'])).toBe(true);
      // Runs without a key never collide (NULLs are distinct in a unique index).
      await prisma.run.createMany({ data: [{ appId: app.id, source: 'api' }, { appId: app.id, source: 'api' }] });
      expect(await prisma.run.count({ where: { appId: app.id } })).toBe(3);
    });

    it('supports optimistic concurrency on the draft: a save from a stale version changes nothing', async () => {
      const { prisma } = db;
      const { app } = await createApp(prisma, 'draft');
      const save = (version: number, label: string) =>
        prisma.workflowDraft.updateMany({
          where: { appId: app.id, version },
          data: { graph: { nodes: [{ id: label }] }, version: { increment: 1 } },
        });
      expect((await save(1, 'first-editor')).count).toBe(1);
      expect((await save(1, 'second-editor')).count).toBe(0);
      const draft = await prisma.workflowDraft.findUniqueOrThrow({ where: { appId: app.id } });
      expect(draft).toMatchObject({ version: 2, graph: { nodes: [{ id: 'first-editor' }] } });
    });

    it.runIf(target.kind === 'pglite')('has pgvector in the embedded database', async () => {
      const [row] = await db.prisma.$queryRaw<{ distance: number }[]>`
        SELECT ('[1,2,3]'::vector <=> '[1,2,4]'::vector)::float8 AS distance`;
      const cosine = 1 - (1 * 1 + 2 * 2 + 3 * 4) / (Math.sqrt(14) * Math.sqrt(21));
      expect(row?.distance).toBeCloseTo(cosine, 10);
    });
  });
});

describe('openDatabase refusing bad settings', () => {
  it('rejects a DATABASE_URL that is neither PostgreSQL nor memory://', async () => {
    await expect(openDatabase({ databaseUrl: 'mysql://localhost/weft' })).rejects.toMatchObject({
      code: 'invalid_options',
      message: expect.stringContaining('postgres://'),
    });
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(openDatabase({ databaseUrl: testDatabaseUrl(), schema: 'x"; DROP' })).rejects.toMatchObject({
      code: 'invalid_options',
      message: expect.stringContaining('schema'),
    });
  });

  it('reports an unreachable server as db_unreachable, retryable, without leaking the password', async () => {
    const error = await openDatabase({ databaseUrl: 'postgres://weft:s3cret@127.0.0.1:1/weft' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'db_unreachable', isRetryable: true });
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).toContain('DATABASE_URL');
    expect((error as Error).message).not.toContain('s3cret');
  });
});
