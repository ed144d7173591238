import type { IngestJob } from '../../spec';
import type { IngestionPipeline } from '../pipeline/create-ingestion-pipeline';

export interface PipelineObservations {
  /** Every `ingest` call, in start order. */
  runs: IngestJob[];
  /** Most `ingest` calls in flight at once, overall. */
  maxInFlight: number;
  /** Times a document's run started while another run of it was in flight. */
  documentOverlaps: number;
}

/**
 * Wraps a real pipeline (same interface) to record its `ingest` calls and how many ran at once, so queue tests
 * can check concurrency bounds and per-document serialisation on real ingestions.
 */
export function observePipeline(pipeline: IngestionPipeline): { pipeline: IngestionPipeline; observed: PipelineObservations } {
  const observed: PipelineObservations = { runs: [], maxInFlight: 0, documentOverlaps: 0 };
  const inFlight = new Map<string, number>();
  let total = 0;
  return {
    observed,
    pipeline: {
      ...pipeline,
      async ingest(job, options) {
        observed.runs.push(job);
        const mine = inFlight.get(job.documentId) ?? 0;
        if (mine > 0) observed.documentOverlaps += 1;
        inFlight.set(job.documentId, mine + 1);
        total += 1;
        observed.maxInFlight = Math.max(observed.maxInFlight, total);
        try {
          return await pipeline.ingest(job, options);
        } finally {
          total -= 1;
          inFlight.set(job.documentId, (inFlight.get(job.documentId) ?? 1) - 1);
        }
      },
    },
  };
}
