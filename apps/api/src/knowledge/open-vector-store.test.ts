import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '@weft/db';
import { createTestSchemaName, dropTestSchema, testDatabaseUrl } from '@weft/testkit';
import { parseEnv } from '../env';
import { createAppServices, StartupError } from '../services/app-services';
import { serviceProbes } from '../test-support/test-services';
import { createTestLogger } from '../test-support/test-logger';
import { openVectorStore, VectorStoreConfigError } from './open-vector-store';

const { logger } = createTestLogger();

async function hasPgvector(): Promise<boolean> {
  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  try {
    return (await pool.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`)).rows.length > 0;
  } finally {
    await pool.end();
  }
}
const pgvectorAvailable = serviceProbes.postgres.ok && (await hasPgvector());

describe('choosing the vector store at start-up', () => {
  it('asks for QDRANT_URL when Qdrant is chosen without one', async () => {
    const env = parseEnv({ WEFT_VECTOR_STORE: 'qdrant' });
    await expect(openVectorStore({ env, dataDir: tmpdir(), logger })).rejects.toThrow(/needs QDRANT_URL/);
  });

  it('keeps vectors in the embedded database, in its child process, through the session the database shares', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'weft-vectors-'));
    const env = parseEnv({ WEFT_DATA_DIR: dataDir, WEFT_SECRET_KEY: 'a'.repeat(64), WEFT_DB_SHARED_BUFFERS: '16MB' });
    const services = await createAppServices(env, { redis: null, logger });
    try {
      expect(services.knowledge.vectorStoreKind).toBe('embedded-database');
      expect(await services.prisma.$queryRaw`SHOW shared_buffers`).toEqual([{ shared_buffers: '16MB' }]);
      const { vectorStore } = services.knowledge;
      const segment = (segmentId: string) => ({ segmentId, knowledgeBaseId: 'kb', documentId: 'doc', documentName: 'a.txt', content: segmentId, tags: [] });
      await vectorStore.ensureCollection('kb', 3);
      await vectorStore.upsert([
        { segment: segment('near'), vector: [1, 2, 4] },
        { segment: segment('far'), vector: [-3, 1, 0] },
      ]);
      const hits = await vectorStore.search([1, 2, 3], { knowledgeBaseIds: ['kb'] }, 2);
      expect(hits.map((hit) => hit.segment.segmentId)).toEqual(['near', 'far']);
      // The embedded database accepts one connection: a store that opened its own would have failed above.
      expect(await services.prisma.$queryRaw`SELECT count(*)::int AS n FROM knowledge_vectors_3`).toEqual([{ n: 2 }]);
    } finally {
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps vectors in an embedded store under the data dir when asked, opening it only on first use', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'weft-vectors-'));
    try {
      const opened = await openVectorStore({ env: parseEnv({ DATABASE_URL: 'postgres://unused/x', WEFT_VECTOR_STORE: 'embedded' }), dataDir, logger });
      expect(opened).toMatchObject({ kind: 'embedded-directory', where: join(dataDir, 'vectors') });
      await opened.store.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  // Debian 12's PostgreSQL 15 (the local one) has no pgvector package: exactly the case users must be told about.
  describe.skipIf(!serviceProbes.postgres.ok)('on the local PostgreSQL', () => {
    it('uses pgvector when the server has it, and otherwise refuses, naming the three ways out', async () => {
      const env = parseEnv({ DATABASE_URL: testDatabaseUrl() });
      if (pgvectorAvailable) {
        const opened = await openVectorStore({ env, dataDir: tmpdir(), logger });
        expect(opened.kind).toBe('pgvector');
        await opened.store.close();
        return;
      }
      const error = await openVectorStore({ env, dataDir: tmpdir(), logger }).then(() => undefined, (failure: unknown) => failure);
      expect(error).toBeInstanceOf(VectorStoreConfigError);
      const message = (error as Error).message;
      expect(message).toContain('install the pgvector extension');
      expect(message).toContain('QDRANT_URL');
      expect(message).toContain('WEFT_VECTOR_STORE=embedded');
    });

    it.skipIf(pgvectorAvailable)('makes createAppServices fail with StartupError vector_store_unavailable', async () => {
      const schema = createTestSchemaName('vectors');
      const database = await openDatabase({ databaseUrl: testDatabaseUrl(), schema });
      try {
        const env = parseEnv({ DATABASE_URL: testDatabaseUrl(), WEFT_DATA_DIR: join(tmpdir(), 'weft-never-used'), WEFT_SECRET_KEY: 'a'.repeat(64) });
        const error = await createAppServices(env, { database, redis: null, logger }).then(() => undefined, (failure: unknown) => failure);
        expect(error).toBeInstanceOf(StartupError);
        expect(error).toMatchObject({ code: 'vector_store_unavailable' });
        expect((error as Error).message).toContain('WEFT_VECTOR_STORE=embedded');
      } finally {
        await database.close();
        await dropTestSchema(schema);
      }
    }, 30_000);
  });
});
