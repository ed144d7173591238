import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModelRegistry, type EmbeddingModel } from '@weft/llm-gateway';
import { chunkSettingsSchema, type IngestJob } from '../../spec';
import { createEmbeddedVectorStore } from '../../index/embedded-vector-store';
import { createKeywordIndex, type InMemoryKeywordIndex } from '../../index/keyword-index';
import type { PgvectorStore } from '../../index/pgvector-store';
import { createIngestionPipeline, type IngestionPipeline, type IngestionPipelineOptions } from '../pipeline/create-ingestion-pipeline';
import { createMemoryKnowledgeRepository, type MemoryKnowledgeRepository } from './memory-knowledge-repository';

/** The real local embedding model every ingestion test uses. */
export const testEmbeddingModel = 'local:use-lite';

export interface TestIngestionStack {
  repository: MemoryKnowledgeRepository;
  vectorStore: PgvectorStore;
  keywordIndex: InMemoryKeywordIndex;
  /** The real `local:use-lite` model (Universal Sentence Encoder lite, 512 dims). */
  embeddingModel: EmbeddingModel;
  /** A pipeline over the stack; `overrides` swap dependencies (a failing model, a smaller size limit). */
  pipeline(overrides?: Partial<IngestionPipelineOptions>): IngestionPipeline;
  /** Vector then keyword hits (document ids) for a query in one knowledge base. */
  search(knowledgeBaseId: string, query: string, topK?: number): Promise<{ vector: string[]; keyword: string[] }>;
  close(): Promise<void>;
}

/**
 * Everything an ingestion needs, all real: the memory repository, pgvector in PGlite on disk in a temporary
 * directory (seconds to open: share one per test file), the in-memory keyword index and the local embedding model.
 */
export async function createTestIngestionStack(): Promise<TestIngestionStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-ingest-'));
  const repository = createMemoryKnowledgeRepository();
  const vectorStore = createEmbeddedVectorStore({ dataDir });
  const keywordIndex = createKeywordIndex();
  const registry = createModelRegistry({ providers: [] });
  const embeddingModel = registry.embeddingModel(testEmbeddingModel);
  // Open the database and load the model now (seconds each on a busy machine), outside any test's timeout.
  await Promise.all([vectorStore.search([1, 0], { knowledgeBaseIds: ['warm-up'] }, 1), embeddingModel.doEmbed(['warm up'])]);

  return {
    repository,
    vectorStore,
    keywordIndex,
    embeddingModel,
    pipeline: (overrides = {}) =>
      createIngestionPipeline({ repository, vectorStore, keywordIndex, embeddings: (id) => registry.embeddingModel(id), ...overrides }),
    async search(knowledgeBaseId, query, topK = 10) {
      const [vector] = (await embeddingModel.doEmbed([query])).embeddings;
      const filter = { knowledgeBaseIds: [knowledgeBaseId] };
      const vectorHits = vector === undefined ? [] : await vectorStore.search(vector, filter, topK);
      const keywordHits = await keywordIndex.search(query, filter, topK);
      return { vector: vectorHits.map((hit) => hit.segment.documentId), keyword: keywordHits.map((hit) => hit.segment.documentId) };
    },
    async close() {
      await vectorStore.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An ingestion job with general chunking and the local model; `overrides` set the rest. */
export function testJob(overrides: Partial<IngestJob> & Pick<IngestJob, 'knowledgeBaseId' | 'documentId'>): IngestJob {
  return {
    documentName: `${overrides.documentId}.${overrides.kind ?? 'txt'}`,
    kind: 'txt',
    tags: [],
    chunkSettings: chunkSettingsSchema.parse({ mode: 'general', maxTokens: 60, overlapTokens: 10 }),
    embeddingModel: testEmbeddingModel,
    ...overrides,
  };
}
