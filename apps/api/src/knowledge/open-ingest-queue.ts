import type { IngestionPipeline } from '@weft/knowledge';
import type { IngestQueue } from '@weft/knowledge/spec';
import type { Logger } from '@weft/workflow-engine/spec';

export interface OpenIngestQueueOptions {
  pipeline: IngestionPipeline;
  logger: Logger;
}

/** Ingestion in this process, one document at a time, in enqueue order. */
export function openIngestQueue(options: OpenIngestQueueOptions): IngestQueue {
  const { pipeline, logger } = options;
  let tail: Promise<void> = Promise.resolve();
  let closed = false;
  return {
    async enqueue(job) {
      if (closed) throw new Error('The ingest queue is closed.');
      await pipeline.markQueued(job);
      tail = tail.then(async () => {
        if (closed) return;
        await pipeline.ingest(job).catch((error: unknown) => logger.error('document ingestion crashed', { documentId: job.documentId, error }));
      });
    },
    async drain() {
      let seen: Promise<void> | undefined;
      while (seen !== tail) {
        seen = tail;
        await seen;
      }
    },
    async close() {
      closed = true;
      await tail;
    },
  };
}
