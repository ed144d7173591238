import type { Redis } from 'ioredis';
import type { PrismaClient } from '@weft/db';
import { createBullmqIngestQueue, createInProcessIngestQueue, type IngestQueuePipeline } from '@weft/knowledge';
import type { IngestQueue } from '@weft/knowledge/spec';
import type { Logger } from '@weft/workflow-engine/spec';
import { ingestableDocumentSelect, toIngestJob } from './ingest-jobs';

export interface OpenIngestQueueOptions {
  pipeline: IngestQueuePipeline;
  prisma: PrismaClient;
  logger: Logger;
  /** Server mode: BullMQ on this Redis, keys under `redisPrefix`. */
  redis?: Redis;
  /**
   * The Redis URL the queue opens its own connections from. Preferred over duplicating `redis`: the API's client
   * is fail-fast (no offline queue, lazy connect), settings a duplicate would inherit.
   */
  redisUrl?: string;
  redisPrefix: string;
  /** Server mode: whether this process also runs the ingest worker (WEFT_INGEST_WORKER). */
  runWorker: boolean;
}

/**
 * Server mode: BullMQ on Redis, jobs persisted there, the worker in this process unless `runWorker` is false.
 * Embedded mode: ingestion in the background of this process. Nothing of it is persisted, so documents a previous
 * run left unfinished (queued or half-way) are queued again here.
 */
export async function openIngestQueue(options: OpenIngestQueueOptions): Promise<IngestQueue> {
  const { pipeline, prisma, logger, redis } = options;
  if (redis !== undefined) {
    const connection = options.redisUrl === undefined ? redis : { url: options.redisUrl };
    const queue = createBullmqIngestQueue({ pipeline, connection, prefix: options.redisPrefix, runWorker: options.runWorker, logger });
    try {
      await queue.ready();
    } catch (error) {
      await queue.close().catch(() => undefined);
      throw error;
    }
    return queue;
  }
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
