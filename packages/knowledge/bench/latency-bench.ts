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
  /** Wall-time percentiles in ms, and this process's CPU ms per query (PGlite runs in-process), which the machine's load does not inflate. */
  vector: { p50: number; p99: number; cpuMsPerQuery: number };
  hybrid: { p50: number; p99: number; cpuMsPerQuery: number };
  /** Whether PostgreSQL's plan for the store's search walks the HNSW index (else it scans and sorts). */
  usesHnsw: boolean;
  /** Share of queries whose source chunk the HNSW search found in its top 5 (quality of the graph built). */
  annHitAt5: number;
  /** The same with a wider search (hnsw.ef_search = widerEfSearch): what the sparse bench graph gives for more time. */
  wider: { efSearch: number; vectorP50: number; annHitAt5: number };
}

const widerEfSearch = 200;

/**
 * Query vectors at cosine 0.8 from a random stored chunk, as a real question lies near the passage that answers it.
 * (A query drawn at random is almost equally far from all 100k random vectors, and no ANN index can find its
 * nearest neighbours: that would measure the curse of dimensionality, not the store.)
 */
async function queriesNearStoredChunks(database: PGlite, table: string, size: number, count: number, random: () => number, text: () => string) {
  const ids = Array.from({ length: count }, () => `s${Math.floor(random() * size)}`);
  const rows = (await database.query<{ segment_id: string; embedding: string }>(`SELECT segment_id, embedding::text FROM ${table} WHERE segment_id = ANY($1::text[])`, [ids])).rows;
  const stored = new Map(rows.map((row) => [row.segment_id, JSON.parse(row.embedding) as number[]]));
  const spread = 0.75; // |v + 0.75·u| = 1.25 for orthogonal unit v, u: cosine 1 / 1.25 = 0.8
  return ids.map((id) => {
    const source = stored.get(id) ?? [];
    const noise = randomUnitVector(random, dimensions);
    const mixed = source.map((value, axis) => value + spread * (noise[axis] ?? 0));
    const length = Math.hypot(...mixed);
    return { text: text(), vector: mixed.map((value) => value / length), sourceId: id };
  });
}

/** Share of queries whose source chunk (cosine 0.8 away, every other chunk near 0) the HNSW search returns in its top 5. */
async function annHitRate(database: PGlite, table: string, queries: { vector: number[]; sourceId: string }[]): Promise<number> {
  const search = `SELECT segment_id FROM ${table} ORDER BY embedding <=> $1::vector(${dimensions}) LIMIT 5`;
  let found = 0;
  for (const query of queries) {
    const rows = (await database.query<{ segment_id: string }>(search, [`[${query.vector.join(',')}]`])).rows;
    if (rows.some((row) => row.segment_id === query.sourceId)) found += 1;
  }
  return found / queries.length;
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
      const queries = await queriesNearStoredChunks(database, table, size, options.queries, random, corpus.query);
      let current = queries[0]!;
      const retriever = createKnowledgeRetriever({ vectorStore: store, keywordIndex, embedQuery: async () => current.vector });
      const timeMode = async (mode: RetrievalQuery['mode']) => {
        const samples: number[] = [];
        const ask = async (query: (typeof queries)[number]) => {
          current = query;
          await retriever.retrieve({ knowledgeBaseIds: [knowledgeBaseId], query: query.text, topK: 5, mode });
        };
        for (const query of queries.slice(0, 20)) await ask(query); // warms the caches
        const cpu = process.cpuUsage();
        for (const query of queries) {
          const started = performance.now();
          await ask(query);
          samples.push(performance.now() - started);
        }
        const used = process.cpuUsage(cpu);
        return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), cpuMsPerQuery: (used.user + used.system) / 1000 / queries.length };
      };
      const vectorTimes = await timeMode('vector');
      const hybridTimes = await timeMode('hybrid');
      const annHitAt5 = await annHitRate(database, table, queries);
      await database.exec(`SET hnsw.ef_search = ${widerEfSearch}`);
      const wider = { efSearch: widerEfSearch, vectorP50: (await timeMode('vector')).p50, annHitAt5: await annHitRate(database, table, queries) };
      await database.exec(`SET hnsw.ef_search = ${options.hnsw.efSearch}`);
      figures.push({ size, insertSeconds, indexBuildSeconds, keywordBuildSeconds, vector: vectorTimes, hybrid: hybridTimes, usesHnsw, annHitAt5, wider });
      progress(`latency: ${size} chunks: vector p50 ${vectorTimes.p50.toFixed(1)} ms, hybrid p50 ${hybridTimes.p50.toFixed(1)} ms`);
    }
  } finally {
    await database.close();
  }
  return figures;
}
