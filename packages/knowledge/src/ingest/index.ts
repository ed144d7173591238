/** Ingestion: parsers, chunkers, the pipeline and its queues. */
export { chunkDocument, parseChunkSettings } from './chunk/chunk-document';
export { previewChunks } from './chunk/preview-chunks';
export { parseDocument, isDocumentKind, normaliseKind, documentKinds, defaultMaxBytes } from './parse/parse-document';
export { createIngestionPipeline } from './pipeline/create-ingestion-pipeline';
export type { IngestionPipeline, IngestionPipelineOptions, IngestOutcome } from './pipeline/create-ingestion-pipeline';
