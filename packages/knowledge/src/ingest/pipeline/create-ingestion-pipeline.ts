import type { EmbeddingModel } from '@weft/llm-gateway/spec';
import type { Logger } from '@weft/workflow-engine/spec';
import {
  KnowledgeError,
  type Chunk,
  type DocumentStatus,
  type IndexedSegment,
  type IngestJob,
  type KeywordIndex,
  type KnowledgeRepository,
  type VectorStore,
} from '../../spec';
import { chunkDocument } from '../chunk/chunk-document';
import { parseDocument } from '../parse/parse-document';
import { embedInBatches } from './embed-in-batches';
import { createKeyedMutex } from './keyed-mutex';
import { toKnowledgeError, type IngestStage } from './to-knowledge-error';

export interface IngestionPipelineOptions {
  repository: KnowledgeRepository;
  /** Resolves a knowledge base's `provider:model` (the gateway registry's `embeddingModel`). */
  embeddings: (modelId: string) => EmbeddingModel;
  vectorStore: VectorStore;
  keywordIndex: KeywordIndex;
  logger?: Logger;
  /** Upload size limit (default 15 MiB). */
  maxBytes?: number;
  /** Vectors per `vectorStore.upsert` call (default 256). */
  upsertBatchSize?: number;
}

export interface IngestRunOptions {
  /** When the failure is retryable, put the document back to `queued` (with the error) instead of `error`: the caller runs it again. */
  retryOnFailure?: boolean;
}

export type IngestOutcome =
  | { status: 'completed'; documentId: string; chunks: number; embedded: number; dimensions: number }
  | { status: 'error'; documentId: string; error: KnowledgeError; willRetry: boolean };

export interface IngestionPipeline {
  /** Records the document as `queued` (progress 0); queues call it on enqueue. */
  markQueued(job: IngestJob): Promise<void>;
  /**
   * Parses, chunks, embeds and indexes one document, reporting status and progress through the repository.
   * Never throws for a failure of the document: the outcome says what happened. A failure before the indexes
   * change (including a `dimension_mismatch` when the model changed without `reembed`) leaves the document's
   * previous version (if any) searchable; a failure after that removes the document from the indexes and its
   * segments, so nothing half-indexed remains.
   */
  ingest(job: IngestJob, options?: IngestRunOptions): Promise<IngestOutcome>;
  /** Removes a deleted document's vectors and keywords, then bumps the generation. */
  remove(knowledgeBaseId: string, documentId: string): Promise<void>;
  /** Drops every vector and keyword of a knowledge base (before re-embedding with another model), then bumps the generation. */
  clearKnowledgeBase(knowledgeBaseId: string): Promise<void>;
  /** After an embedding model change: clears the knowledge base, then ingests each job (with the new model) in order. */
  reembed(knowledgeBaseId: string, jobs: IngestJob[]): Promise<IngestOutcome[]>;
}

interface Step {
  stage: IngestStage;
  progress: number;
  /** Set once indexing has started changing the indexes; only then does a failure need a clean-up. */
  touchedIndexes: boolean;
}

interface Prepared {
  chunks: Chunk[];
  /** General chunks or children, in order, each with its vector. */
  embedded: { chunk: Chunk; vector: number[] }[];
}

export function createIngestionPipeline(options: IngestionPipelineOptions): IngestionPipeline {
  const { repository, vectorStore, keywordIndex, logger } = options;
  const upsertBatchSize = options.upsertBatchSize ?? 256;
  // Runs of one document (ingest, remove) never interleave in this process.
  const documents = createKeyedMutex();

  const report = (job: IngestJob, status: DocumentStatus, progress: number, error?: KnowledgeError) =>
    repository.setProgress({
      documentId: job.documentId,
      knowledgeBaseId: job.knowledgeBaseId,
      status,
      progress,
      ...(error === undefined ? {} : { error: { code: error.code, message: error.message } }),
    });

  /** Moves a run to its next step and reports it; a failure is then reported at the progress reached. */
  function advance(job: IngestJob, step: Step, stage: IngestStage, progress: number): Promise<void> {
    step.stage = stage;
    step.progress = progress;
    return report(job, stage === 'loading' ? 'queued' : stage, progress);
  }

  async function prepare(job: IngestJob, step: Step): Promise<Prepared> {
    const source = await repository.loadSource(job.documentId);
    await advance(job, step, 'parsing', 10);
    const parsed = await parseDocument(job.kind, 'bytes' in source ? source.bytes : source.text, { maxBytes: options.maxBytes });
    await advance(job, step, 'chunking', 20);
    const chunks = chunkDocument(parsed.text, job.chunkSettings);
    const toEmbed = chunks.filter((chunk) => chunk.role !== 'parent');
    if (toEmbed.length === 0) throw new KnowledgeError('empty_document', 'This document gave no chunks to index. Add text to it and upload it again.');
    await advance(job, step, 'embedding', 20);
    const model = options.embeddings(job.embeddingModel);
    const vectors = await embedInBatches(model, toEmbed.map((chunk) => chunk.content), (done, total) =>
      advance(job, step, 'embedding', 20 + Math.floor((60 * done) / total)),
    );
    return { chunks, embedded: toEmbed.map((chunk, index) => ({ chunk, vector: vectors[index] ?? [] })) };
  }

  async function index(job: IngestJob, prepared: Prepared, step: Step): Promise<void> {
    const { knowledgeBaseId, documentId } = job;
    // A dimension mismatch (the model changed without a re-embed) fails here, before the old version is touched.
    await vectorStore.ensureCollection(knowledgeBaseId, prepared.embedded[0]?.vector.length ?? 0);
    step.touchedIndexes = true;
    await vectorStore.deleteByDocument(knowledgeBaseId, documentId);
    await keywordIndex.deleteByDocument(knowledgeBaseId, documentId);
    const ids = await repository.replaceSegments(documentId, knowledgeBaseId, prepared.chunks);
    if (ids.length !== prepared.chunks.length) {
      throw new Error(`the repository stored ${ids.length} segments for ${prepared.chunks.length} chunks`);
    }
    const items = prepared.embedded.map(({ chunk, vector }) => ({ segment: toSegment(job, chunk, prepared.chunks, ids), vector }));
    for (let start = 0; start < items.length; start += upsertBatchSize) {
      await vectorStore.upsert(items.slice(start, start + upsertBatchSize));
    }
    await keywordIndex.add(items.map((item) => item.segment));
  }

  /** Best effort: every step is tried even when one fails, so as little as possible stays behind. */
  async function removeEverything(job: IngestJob): Promise<void> {
    const { knowledgeBaseId, documentId } = job;
    const results = await Promise.allSettled([
      vectorStore.deleteByDocument(knowledgeBaseId, documentId),
      keywordIndex.deleteByDocument(knowledgeBaseId, documentId),
      repository.replaceSegments(documentId, knowledgeBaseId, []),
    ]);
    const failed = results.filter((result) => result.status === 'rejected');
    if (failed.length > 0) {
      logger?.error('could not clean up a failed ingestion', { knowledgeBaseId, documentId, reasons: failed.map((result) => String(result.reason)) });
    }
    await repository.bumpGeneration(knowledgeBaseId);
  }

  async function run(job: IngestJob, runOptions: IngestRunOptions): Promise<IngestOutcome> {
    const step: Step = { stage: 'loading', progress: 0, touchedIndexes: false };
    const started = Date.now();
    try {
      const prepared = await prepare(job, step);
      await advance(job, step, 'indexing', 90);
      await index(job, prepared, step);
      await repository.bumpGeneration(job.knowledgeBaseId);
      await report(job, 'completed', 100);
      const dimensions = prepared.embedded[0]?.vector.length ?? 0;
      logger?.info('document ingested', { documentId: job.documentId, chunks: prepared.chunks.length, ms: Date.now() - started });
      return { status: 'completed', documentId: job.documentId, chunks: prepared.chunks.length, embedded: prepared.embedded.length, dimensions };
    } catch (caught) {
      const error = toKnowledgeError(caught, step.stage, job.embeddingModel);
      if (step.touchedIndexes) await removeEverything(job).catch((cleanup: unknown) => logger?.error('cleanup failed', { error: String(cleanup) }));
      const willRetry = runOptions.retryOnFailure === true && error.isRetryable;
      logger?.warn('document ingestion failed', { documentId: job.documentId, stage: step.stage, code: error.code, willRetry });
      await report(job, willRetry ? 'queued' : 'error', willRetry ? 0 : step.progress, error).catch((reportError: unknown) =>
        logger?.error('could not record an ingestion failure', { documentId: job.documentId, error: String(reportError) }),
      );
      return { status: 'error', documentId: job.documentId, error, willRetry };
    }
  }

  const pipeline: IngestionPipeline = {
    markQueued: (job) => report(job, 'queued', 0),
    ingest: (job, runOptions = {}) => documents.run(job.documentId, () => run(job, runOptions)),
    remove: (knowledgeBaseId, documentId) =>
      documents.run(documentId, async () => {
        await vectorStore.deleteByDocument(knowledgeBaseId, documentId);
        await keywordIndex.deleteByDocument(knowledgeBaseId, documentId);
        await repository.bumpGeneration(knowledgeBaseId);
      }),
    async clearKnowledgeBase(knowledgeBaseId) {
      await vectorStore.deleteByKnowledgeBase(knowledgeBaseId);
      await keywordIndex.deleteByKnowledgeBase(knowledgeBaseId);
      await repository.bumpGeneration(knowledgeBaseId);
    },
    async reembed(knowledgeBaseId, jobs) {
      const foreign = jobs.find((job) => job.knowledgeBaseId !== knowledgeBaseId);
      if (foreign !== undefined) {
        throw new KnowledgeError('invalid_settings', `reembed("${knowledgeBaseId}") got a job of knowledge base "${foreign.knowledgeBaseId}"; pass only that knowledge base's documents.`);
      }
      await pipeline.clearKnowledgeBase(knowledgeBaseId);
      const outcomes: IngestOutcome[] = [];
      for (const job of jobs) outcomes.push(await pipeline.ingest(job));
      return outcomes;
    },
  };
  return pipeline;
}


function toSegment(job: IngestJob, chunk: Chunk, chunks: Chunk[], ids: string[]): IndexedSegment {
  const parent = chunk.parentPosition === undefined ? undefined : chunks[chunk.parentPosition];
  return {
    segmentId: ids[chunk.position] ?? '',
    knowledgeBaseId: job.knowledgeBaseId,
    documentId: job.documentId,
    documentName: job.documentName,
    content: chunk.content,
    ...(parent === undefined ? {} : { parentContent: parent.content }),
    tags: job.tags,
    metadata: { position: chunk.position },
  };
}
