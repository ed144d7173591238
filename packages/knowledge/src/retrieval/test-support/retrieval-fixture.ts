import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { createModelRegistry, type EmbeddingModel, type WeftModelRegistry } from '@weft/llm-gateway';
import { startModelTestServer, type ModelTestServer } from '@weft/model-test-server';
import type { IndexedSegment } from '../../spec';
import { createKeywordIndex } from '../../index/keyword-index';
import { createPgvectorStore } from '../../index/pgvector-store';

/** A real in-memory PGlite pgvector store, keyword index and model registry (local use-lite + the test server's model over HTTP). */
export interface RetrievalFixture {
  registry: WeftModelRegistry;
  vectorStore: ReturnType<typeof createPgvectorStore>;
  keywordIndex: ReturnType<typeof createKeywordIndex>;
  /** Knowledge base → `provider:model`. */
  modelOf: Map<string, string>;
  /** Embeds the segments with the knowledge base's model and indexes them in both indexes. */
  index(knowledgeBaseId: string, modelId: string, segments: Omit<IndexedSegment, 'knowledgeBaseId'>[]): Promise<void>;
  close(): Promise<void>;
}

export async function openRetrievalFixture(): Promise<RetrievalFixture> {
  const server: ModelTestServer = await startModelTestServer({ embeddingDimensions: 64 });
  const registry = createModelRegistry({ providers: [{ name: 'test', kind: 'openai', baseURL: server.url, apiKey: 'sk-test' }] });
  const database = await PGlite.create({ extensions: { vector } });
  const vectorStore = createPgvectorStore({ sql: database, table: 'retrieval_vectors' });
  const keywordIndex = createKeywordIndex();
  const modelOf = new Map<string, string>();

  return {
    registry,
    vectorStore,
    keywordIndex,
    modelOf,
    async index(knowledgeBaseId, modelId, segments) {
      const model: EmbeddingModel = registry.embeddingModel(modelId);
      modelOf.set(knowledgeBaseId, modelId);
      const full = segments.map((segment) => ({ ...segment, knowledgeBaseId }));
      const { embeddings } = await model.doEmbed(full.map((segment) => segment.content));
      await vectorStore.ensureCollection(knowledgeBaseId, model.dimensions);
      await vectorStore.upsert(full.map((segment, position) => ({ segment, vector: embeddings[position] ?? [] })));
      await keywordIndex.add(full);
    },
    async close() {
      await database.close();
      await server.close();
    },
  };
}
