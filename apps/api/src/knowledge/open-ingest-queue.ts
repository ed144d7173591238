import type { PrismaClient } from '@weft/db';
import { createInProcessIngestQueue, type IngestQueuePipeline } from '@weft/knowledge';
import type { IngestQueue } from '@weft/knowledge/spec';
import type { Logger } from '@weft/workflow-engine/spec';
import { ingestableDocumentSelect, toIngestJob } from './ingest-jobs';

export interface OpenIngestQueueOptions {
  pipeline: IngestQueuePipeline;
  prisma: PrismaClient;
  logger: Logger;
}

/**
 * The embedded mode's queue: ingestion in the background of this process. Nothing of it is persisted, so documents
 * a previous run left unfinished (queued or half-way) are queued again here.
 */
export async function openIngestQueue(options: OpenIngestQueueOptions): Promise<IngestQueue> {
  const { pipeline, prisma, logger } = options;
  const queue = createInProcessIngestQueue({ pipeline, logger });
  const unfinished = await prisma.document.findMany({
    where: { status: { notIn: ['completed', 'error'] } },
    select: ingestableDocumentSelect,
    orderBy: { createdAt: 'asc' },
  });
  for (const document of unfinished) await queue.enqueue(toIngestJob(document));
  if (unfinished.length > 0) logger.info('queued documents a previous run left unfinished', { documents: unfinished.length });
  return queue;
}
