/** Ingestion: parsers, chunkers, the pipeline and its queues. */
export { chunkDocument, parseChunkSettings } from './chunk/chunk-document';
export { previewChunks } from './chunk/preview-chunks';
export { parseDocument, isDocumentKind, normaliseKind, documentKinds, defaultMaxBytes } from './parse/parse-document';
export { createIngestionPipeline } from './pipeline/create-ingestion-pipeline';
export type { IngestionPipeline, IngestionPipelineOptions, IngestOutcome, IngestRunOptions } from './pipeline/create-ingestion-pipeline';
export { createInProcessIngestQueue } from './queue/create-in-process-ingest-queue';
export type { InProcessIngestQueue, InProcessIngestQueueOptions, IngestQueuePipeline } from './queue/create-in-process-ingest-queue';
export { ingestJobSchema, parseIngestJob } from './queue/ingest-job-schema';
export { IngestQueueError } from './queue/ingest-queue-error';
export type { IngestQueueErrorCode } from './queue/ingest-queue-error';
export { createBullmqIngestQueue } from './queue/create-bullmq-ingest-queue';
export type { BullmqIngestQueue, BullmqIngestQueueOptions, IngestJobResult } from './queue/create-bullmq-ingest-queue';
export { runIngestWorker } from './queue/run-ingest-worker';
export type { IngestWorker, RunIngestWorkerOptions } from './queue/run-ingest-worker';
