import type { EmbeddingModel } from '@weft/llm-gateway/spec';
import { parseChunkSettings } from '../src/ingest/chunk/chunk-document';
import { createIngestionPipeline } from '../src/ingest/pipeline/create-ingestion-pipeline';
import { createMemoryKnowledgeRepository } from '../src/ingest/test-support/memory-knowledge-repository';
import type { ChunkSettingsInput, KeywordIndex, VectorStore } from '../src/spec';

export interface IngestFigures {
  documents: number;
  chunks: number;
  seconds: number;
}

/**
 * Ingests texts into one knowledge base through the real pipeline (parse, chunk, embed with the given model, upsert
 * into the vector store, add to the keyword index), one document after another as the queue's worker would.
 */
export async function ingestTexts(options: {
  knowledgeBaseId: string;
  documents: { id: string; name: string; text: string }[];
  embeddingModelId: string;
  embeddings: (modelId: string) => EmbeddingModel;
  vectorStore: VectorStore;
  keywordIndex: KeywordIndex;
  chunkSettings?: ChunkSettingsInput;
}): Promise<IngestFigures> {
  const repository = createMemoryKnowledgeRepository();
  const pipeline = createIngestionPipeline({ repository, embeddings: options.embeddings, vectorStore: options.vectorStore, keywordIndex: options.keywordIndex });
  const chunkSettings = parseChunkSettings(options.chunkSettings ?? { mode: 'general' });
  let chunks = 0;
  const started = performance.now();
  for (const document of options.documents) {
    repository.putSource(document.id, { text: document.text });
    const outcome = await pipeline.ingest({
      knowledgeBaseId: options.knowledgeBaseId,
      documentId: document.id,
      documentName: document.name,
      kind: 'text',
      tags: [],
      chunkSettings,
      embeddingModel: options.embeddingModelId,
    });
    if (outcome.status !== 'completed') throw new Error(`Ingesting ${document.id} failed: ${outcome.error.code}: ${outcome.error.message}`);
    chunks += outcome.embedded;
  }
  return { documents: options.documents.length, chunks, seconds: (performance.now() - started) / 1000 };
}
