import { Redis } from 'ioredis';
import type { Logger } from '@weft/workflow-engine/spec';
import { IngestQueueError } from './ingest-queue-error';

export interface IngestRedis {
  /** Enqueues and drain polls: gives up after one reconnect, so a request fails fast instead of hanging. */
  producer: Redis;
  /** The worker's connection (BullMQ needs maxRetriesPerRequest null there: it waits out Redis restarts). */
  worker?: Redis;
  /** Fails with `queue_unavailable` when Redis does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The queue's own connections, from a URL or duplicated from the caller's client (which stays the caller's to close). */
export function openIngestRedis(connection: { url: string } | Redis, runWorker: boolean, logger?: Logger): IngestRedis {
  const create = (maxRetriesPerRequest: number | null) => {
    const client =
      'url' in connection && typeof connection.url === 'string'
        ? new Redis(connection.url, { maxRetriesPerRequest })
        : (connection as Redis).duplicate({ maxRetriesPerRequest });
    client.on('error', (error: Error) => logger?.warn('ingest queue Redis connection error', { error: error.message }));
    return client;
  };
  const producer = create(1);
  const worker = runWorker ? create(null) : undefined;
  return {
    producer,
    worker,
    async ping() {
      await producer.ping().catch((cause: unknown) => {
        throw unavailable(cause);
      });
    },
    async close() {
      // QUIT would wait in the offline queue of a client that is not connected.
      await Promise.all(
        [producer, worker].map(async (client) => {
          if (client?.status === 'ready') await client.quit().catch(() => client.disconnect());
          else client?.disconnect();
        }),
      );
    },
  };
}

export function unavailable(cause: unknown): IngestQueueError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new IngestQueueError(
    'queue_unavailable',
    `The ingest queue's Redis cannot be reached (${reason}). Check that Redis runs and that REDIS_URL points at it, then add the document again.`,
    { cause },
  );
}
