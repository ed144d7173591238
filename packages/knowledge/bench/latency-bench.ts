import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { RetrievalQuery } from '@weft/workflow-engine/spec';
import { createKeywordIndex } from '../src/index/keyword-index';
import { createPgvectorStore, type PgvectorStore } from '../src/index/pgvector-store';
import { createKnowledgeRetriever } from '../src/retrieval/create-knowledge-retriever';
import type { IndexedSegment } from '../src/spec';
import { percentile, progress, randomUnitVector, seededRandom } from './measure';
import { createSyntheticCorpus } from './synthetic-corpus';

const dimensions = 512;
const knowledgeBaseId = 'kb-latency';
const rowsPerInsert = 2000;

export interface LatencyFigures {
  size: number;
  insertSeconds: number;
  indexBuildSeconds: number;
  keywordBuildSeconds: number;
  vector: { p50: number; p99: number };
  hybrid: { p50: number; p99: number };
  /** Whether PostgreSQL's plan for the store's search walks the HNSW index (else it scans and sorts). */
  usesHnsw: boolean;
}

// Vectors are drawn inside PostgreSQL rather than sent as 100k × 512 floats of text through PGlite's wasm boundary.
// Uniform components in -0.5..0.5, then l2_normalize: random unit vectors (a third cheaper than Gaussian ones, and
// just as hard for HNSW: no clusters, full intrinsic dimension).
const randomVectorFunction = `CREATE OR REPLACE FUNCTION bench_random_unit_vector(dimensions integer) RETURNS vector
  LANGUAGE sql VOLATILE AS $$
    SELECT l2_normalize(array_agg(random() - 0.5)::vector) FROM generate_series(1, dimensions)
  $$`;

async function insertRows(database: PGlite, table: string, segments: IndexedSegment[]): Promise<void> {
  for (let start = 0; start < segments.length; start += rowsPerInsert) {
    const batch = segments.slice(start, start + rowsPerInsert);
    await database.query(
      `INSERT INTO ${table} (segment_id, knowledge_base_id, document_id, document_name, content, tags, embedding)
       SELECT id, $4, document, document || '.txt', content, '{}', bench_random_unit_vector(${dimensions})
       FROM unnest($1::text[], $2::text[], $3::text[]) AS rows(id, document, content)`,
      [batch.map((segment) => segment.segmentId), batch.map((segment) => segment.documentId), batch.map((segment) => segment.content), knowledgeBaseId],
    );
  }
}

/**
 * Retrieval latency through the real retriever over embedded PGlite pgvector (HNSW, cosine) and the in-memory
 * keyword index, at growing sizes of one knowledge base. Rows are bulk-inserted without the HNSW index, which is
 * then built once (much faster than growing it row by row), as a re-index would.
 */
export async function measureRetrievalLatency(options: {
  dataDir: string;
  sizes: number[];
  queries: number;
  hnsw: { m: number; efConstruction: number; efSearch: number };
}): Promise<LatencyFigures[]> {
  const database = await PGlite.create(options.dataDir, { extensions: { vector } });
  const store: PgvectorStore = createPgvectorStore({ sql: database, table: 'bench_vectors', hnsw: options.hnsw });
  const keywordIndex = createKeywordIndex();
  const corpus = createSyntheticCorpus(7);
  const random = seededRandom(11);
  const figures: LatencyFigures[] = [];
  try {
    await store.ensureCollection(knowledgeBaseId, dimensions);
    await database.exec(randomVectorFunction);
    const table = store.tableFor(dimensions);
    const [hnsw] = (await database.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE indexdef LIKE '%USING hnsw%' AND tablename = 'bench_vectors_${dimensions}'`,
    )).rows;
    if (hnsw === undefined) throw new Error('the store created no HNSW index');
    await database.exec(`SET maintenance_work_mem = '1GB'`);

    let filled = 0;
    for (const size of options.sizes) {
      const segments: IndexedSegment[] = [];
      for (let index = filled; index < size; index += 1) {
        segments.push({ segmentId: `s${index}`, knowledgeBaseId, documentId: `d${Math.floor(index / 20)}`, documentName: '', content: corpus.chunk(), tags: [] });
      }
      progress(`latency: ${size} chunks, inserting ${segments.length}…`);
      await database.exec(`DROP INDEX IF EXISTS "${hnsw.indexname}"`);
      let started = performance.now();
      await insertRows(database, table, segments);
      const insertSeconds = (performance.now() - started) / 1000;
      progress(`latency: inserted in ${insertSeconds.toFixed(1)} s, building the HNSW index…`);
      started = performance.now();
      await database.exec(hnsw.indexdef);
      await database.exec(`ANALYZE ${table}`);
      const indexBuildSeconds = (performance.now() - started) / 1000;
      progress(`latency: HNSW built in ${indexBuildSeconds.toFixed(1)} s, filling the keyword index…`);
      started = performance.now();
      await keywordIndex.add(segments);
      const keywordBuildSeconds = (performance.now() - started) / 1000;
      filled = size;

      const plan = await database.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT segment_id FROM ${table} WHERE knowledge_base_id = ANY($2::text[]) ORDER BY embedding <=> $1::vector(${dimensions}) LIMIT 20`,
        [`[${randomUnitVector(random, dimensions).join(',')}]`, [knowledgeBaseId]],
      );
      const usesHnsw = plan.rows.some((row) => row['QUERY PLAN'].includes(hnsw.indexname));
      const queries = Array.from({ length: options.queries }, () => ({ text: corpus.query(), vector: randomUnitVector(random, dimensions) }));
      let current = queries[0]!;
      const retriever = createKnowledgeRetriever({ vectorStore: store, keywordIndex, embedQuery: async () => current.vector });
      const timeMode = async (mode: RetrievalQuery['mode']) => {
        const samples: number[] = [];
        for (const [index, query] of [...queries.slice(0, 20), ...queries].entries()) {
          current = query;
          const started = performance.now();
          await retriever.retrieve({ knowledgeBaseIds: [knowledgeBaseId], query: query.text, topK: 5, mode });
          if (index >= 20) samples.push(performance.now() - started); // the first 20 warm the caches
        }
        return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
      };
      const vectorTimes = await timeMode('vector');
      const hybridTimes = await timeMode('hybrid');
      figures.push({ size, insertSeconds, indexBuildSeconds, keywordBuildSeconds, vector: vectorTimes, hybrid: hybridTimes, usesHnsw });
      progress(`latency: ${size} chunks: vector p50 ${vectorTimes.p50.toFixed(1)} ms, hybrid p50 ${hybridTimes.p50.toFixed(1)} ms`);
    }
  } finally {
    await database.close();
  }
  return figures;
}
