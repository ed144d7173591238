import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeError } from '../spec';
import { createPgvectorStore } from './pgvector-store';
import { axisVector, describeVectorStoreContract } from './vector-store.contract';

// One in-memory PGlite for the file: creating one takes seconds.
const pglite = await PGlite.create({ extensions: { vector } });
afterAll(async () => {
  await pglite.close();
});

describeVectorStoreContract('pgvector in in-memory PGlite', async () => createPgvectorStore({ sql: pglite, table: 'contract_vectors' }));

describe('createPgvectorStore specifics', () => {
  it('keeps its tables in the given schema and searches them through the HNSW index', async () => {
    const store = createPgvectorStore({ sql: pglite, schema: 'kb_store', table: 'vectors' });
    await store.ensureCollection('kb-schema', 8);
    await store.upsert([{ segment: { segmentId: 's1', knowledgeBaseId: 'kb-schema', documentId: 'd', documentName: 'D', content: 'x', tags: [] }, vector: axisVector(8, 2) }]);
    expect(store.tableFor(8)).toBe('"kb_store"."vectors_8"');
    const tables = await pglite.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'kb_store' ORDER BY tablename`);
    expect(tables.rows.map((row) => row.tablename)).toEqual(['vectors_8', 'vectors_collections']);
    const indexes = await pglite.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'kb_store' AND tablename = 'vectors_8'`);
    expect(indexes.rows.map((row) => row.indexdef).join('\n')).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);

    // The store's ORDER BY expression is the index's, so the planner can walk the graph (it prefers the
    // knowledge-base btree for a tiny table like this one, hence no WHERE here).
    await pglite.exec('SET enable_seqscan = off');
    try {
      const plan = await pglite.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT segment_id FROM ${store.tableFor(8)} ORDER BY embedding <=> $1::vector(8) LIMIT 5`,
        [`[${axisVector(8, 2).join(',')}]`],
      );
      expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/hnsw_idx/);
    } finally {
      await pglite.exec('RESET enable_seqscan');
    }
    expect((await store.search(axisVector(8, 2), { knowledgeBaseIds: ['kb-schema'] }, 5))[0]?.segment.segmentId).toBe('s1');
  });

  it('indexes 2,001–4,000 dimensions as halfvec and still searches them', async () => {
    const store = createPgvectorStore({ sql: pglite, table: 'wide_vectors' });
    await store.ensureCollection('kb-wide', 3072);
    const segmentFor = (segmentId: string) => ({ segmentId, knowledgeBaseId: 'kb-wide', documentId: 'd', documentName: 'D', content: segmentId, tags: [] });
    await store.upsert([
      { segment: segmentFor('x'), vector: axisVector(3072, 3000) },
      { segment: segmentFor('y'), vector: axisVector(3072, 7) },
    ]);
    const indexes = await pglite.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename = 'wide_vectors_3072'`);
    expect(indexes.rows.map((row) => row.indexdef).join('\n')).toMatch(/halfvec_cosine_ops/);
    const hits = await store.search(axisVector(3072, 3000), { knowledgeBaseIds: ['kb-wide'] }, 2);
    expect(hits.map((hit) => hit.segment.segmentId)).toEqual(['x', 'y']);
    expect(hits[0]?.score).toBeCloseTo(1, 3);
  });

  it('refuses unsafe table names and non-finite vectors with typed errors', async () => {
    expect(() => createPgvectorStore({ sql: pglite, table: 'vectors; DROP TABLE x' })).toThrowError(KnowledgeError);
    const store = createPgvectorStore({ sql: pglite, table: 'nan_vectors' });
    await store.ensureCollection('kb-nan', 2);
    const segment = { segmentId: 'n', knowledgeBaseId: 'kb-nan', documentId: 'd', documentName: 'D', content: 'n', tags: [] };
    await expect(store.upsert([{ segment, vector: [Number.NaN, 1] }])).rejects.toMatchObject({ code: 'embedding_failed' });
  });

  it('wraps a failing database in vector_store_unavailable', async () => {
    const broken = createPgvectorStore({
      sql: {
        query: async () => {
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
        },
      },
    });
    await expect(broken.ensureCollection('kb', 4)).rejects.toMatchObject({ code: 'vector_store_unavailable', isRetryable: true });
  });
});
