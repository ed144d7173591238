/**
 * `npm run bench:knowledge`: prints `key=value` lines (one figure each) on stdout; progress goes to stderr.
 * Needs no network or services: the local use-lite embedding model, embedded PGlite pgvector, the in-memory keyword index.
 * BENCH_KNOWLEDGE_SIZES (default "10000,100000") sets the synthetic latency sizes.
 *
 * - retrieval.recall_at_5_{vector,keyword,hybrid,hybrid_weighted}[_group]: the labelled set in bench/data (35 documents,
 *   34 questions, English and Chinese), ingested through the real pipeline; groups are language and question kind.
 * - ingest.chunks_per_s: parse + chunk + embed (use-lite) + index of ~100-token chunks, one document at a time.
 * - retrieval.{p50,p99}_ms_<size>_{vector,hybrid}: wall time of `retrieve` (topK 5) over synthetic chunks with random
 *   512-dim unit vectors in PGlite pgvector (HNSW) and the keyword index; cpu_ms_per_query_* is the same work in CPU
 *   time, which the machine's load does not inflate; build_s_* times the bulk insert, the index build, the keyword fill.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModelRegistry } from '@weft/llm-gateway';
import { createEmbeddedVectorStore } from '../src/index/embedded-vector-store';
import { createKeywordIndex } from '../src/index/keyword-index';
import { createKnowledgeRetriever } from '../src/retrieval/create-knowledge-retriever';
import type { Fusion } from '../src/retrieval/fuse-rankings';
import { ingestTexts } from './ingest-labelled';
import { loadLabelledSet } from './labelled-set';
import { measureRetrievalLatency } from './latency-bench';
import { progress, report } from './measure';
import { measureRecall } from './recall-bench';

const embeddingModelId = 'local:use-lite';
// HNSW build settings for the synthetic index: m 8 / ef_construction 16 instead of the store's 16 / 64 keep the 100k
// build to a couple of minutes in single-threaded wasm (16 / 64 took over 7 minutes on 2 busy cores). Search uses
// pgvector's default ef_search 40. The graph is sparser than production's: retrieval.ann_hit_at_5_* says how often it still finds a query's source chunk.
const latencyHnsw = { m: 8, efConstruction: 16, efSearch: 40 };
const label = (size: number) => (size % 1000 === 0 ? `${size / 1000}k` : String(size));

async function recallFigures(dataDir: string): Promise<void> {
  const registry = createModelRegistry({ providers: [] });
  const vectorStore = createEmbeddedVectorStore({ dataDir });
  const keywordIndex = createKeywordIndex();
  try {
    const { documents, questions } = await loadLabelledSet();
    progress(`recall: ingesting ${documents.length} labelled documents…`);
    const common = { embeddingModelId, embeddings: (id: string) => registry.embeddingModel(id), vectorStore, keywordIndex };
    await ingestTexts({ ...common, knowledgeBaseId: 'kb-labelled', documents: documents.map((document) => ({ ...document, name: `${document.id}.md` })) });

    const embedQuery = async (_knowledgeBaseId: string, text: string) => (await registry.embeddingModel(embeddingModelId).doEmbed([text])).embeddings[0] ?? [];
    const runs: [string, RetrievalModeAndFusion][] = [
      ['vector', { mode: 'vector' }],
      ['keyword', { mode: 'keyword' }],
      ['hybrid', { mode: 'hybrid', fusion: { method: 'rrf' } }],
      ['hybrid_weighted', { mode: 'hybrid', fusion: { method: 'weighted' } }],
    ];
    for (const [name, { mode, fusion }] of runs) {
      const retriever = createKnowledgeRetriever({ vectorStore, keywordIndex, embedQuery, ...(fusion === undefined ? {} : { fusion }) });
      const figures = await measureRecall({ retriever, knowledgeBaseId: 'kb-labelled', questions, mode, k: 5 });
      report(`retrieval.recall_at_5_${name}`, figures.recall);
      for (const [group, value] of Object.entries(figures.byGroup)) report(`retrieval.recall_at_5_${name}_${group}`, value);
      progress(`recall ${name}: missed ${figures.missed.join(', ') || 'none'}`);
    }
    report('retrieval.questions', questions.length);

    // Throughput: longer documents (the whole labelled set joined), cut into ~100-token chunks, as an upload would be.
    const joined = documents.map((document) => document.text).join('\n\n');
    const copies = Array.from({ length: 3 }, (_, index) => ({ id: `long-${index}`, name: `long-${index}.md`, text: joined }));
    progress(`ingest: ${copies.length} long documents through the pipeline…`);
    const ingest = await ingestTexts({ ...common, knowledgeBaseId: 'kb-throughput', documents: copies, chunkSettings: { mode: 'general', maxTokens: 100, overlapTokens: 10 } });
    report('ingest.chunks', ingest.chunks);
    report('ingest.chunks_per_s', ingest.chunks / ingest.seconds);
  } finally {
    await vectorStore.close();
  }
}

interface RetrievalModeAndFusion {
  mode: 'vector' | 'keyword' | 'hybrid';
  fusion?: Fusion;
}

async function latencyFigures(dataDir: string): Promise<void> {
  const sizes = (process.env.BENCH_KNOWLEDGE_SIZES ?? '10000,100000').split(',').map(Number).filter((size) => size > 0);
  const figures = await measureRetrievalLatency({ dataDir, sizes, queries: 200, hnsw: latencyHnsw });
  report('retrieval.hnsw_m', latencyHnsw.m);
  report('retrieval.hnsw_ef_construction', latencyHnsw.efConstruction);
  report('retrieval.hnsw_ef_search', latencyHnsw.efSearch);
  for (const figure of figures) {
    const size = label(figure.size);
    report(`retrieval.p50_ms_${size}_vector`, figure.vector.p50);
    report(`retrieval.p99_ms_${size}_vector`, figure.vector.p99);
    report(`retrieval.p50_ms_${size}_hybrid`, figure.hybrid.p50);
    report(`retrieval.p99_ms_${size}_hybrid`, figure.hybrid.p99);
    report(`retrieval.cpu_ms_per_query_${size}_vector`, figure.vector.cpuMsPerQuery);
    report(`retrieval.cpu_ms_per_query_${size}_hybrid`, figure.hybrid.cpuMsPerQuery);
    report(`retrieval.build_s_${size}_insert`, figure.insertSeconds);
    report(`retrieval.build_s_${size}_hnsw`, figure.indexBuildSeconds);
    report(`retrieval.build_s_${size}_keyword`, figure.keywordBuildSeconds);
    report(`retrieval.plan_uses_hnsw_${size}`, figure.usesHnsw ? 1 : 0);
    report(`retrieval.ann_hit_at_5_${size}`, figure.annHitAt5);
    report(`retrieval.p50_ms_${size}_vector_ef${figure.wider.efSearch}`, figure.wider.vectorP50);
    report(`retrieval.ann_hit_at_5_${size}_ef${figure.wider.efSearch}`, figure.wider.annHitAt5);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  // Latencies are wall time: on a shared machine they grow with the load, so the load is part of the result.
  report('bench.load_average_1m_start', loadavg()[0] ?? 0);
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-bench-knowledge-'));
  try {
    await recallFigures(join(dataDir, 'labelled'));
    await latencyFigures(join(dataDir, 'latency'));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  report('bench.load_average_1m_end', loadavg()[0] ?? 0);
  report('bench.seconds', (performance.now() - started) / 1000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
