import { createBullmqIngestQueue, type BullmqIngestQueueOptions } from './create-bullmq-ingest-queue';

export interface RunIngestWorkerOptions extends Omit<BullmqIngestQueueOptions, 'runWorker'> {
  /** Aborting it closes the worker (wire it to SIGTERM in the worker process). */
  signal?: AbortSignal;
}

export interface IngestWorker {
  readonly queueName: string;
  /** Stops taking jobs and waits for the running ones; waiting jobs stay in Redis for the next worker. */
  close(): Promise<void>;
  /** Resolves once the worker has closed (through `close()` or the signal). */
  readonly closed: Promise<void>;
}

/**
 * Starts an ingestion worker for a worker process: it takes the jobs API processes enqueue (with
 * `createBullmqIngestQueue({ runWorker: false })`) on the same Redis, prefix and queue name, and runs the pipeline.
 * Resolves once it listens; rejects (after cleaning up) when Redis cannot be reached.
 */
export async function runIngestWorker(options: RunIngestWorkerOptions): Promise<IngestWorker> {
  const { signal, ...queueOptions } = options;
  const queue = createBullmqIngestQueue({ ...queueOptions, runWorker: true });
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const close = async () => {
    await queue.close();
    resolveClosed();
  };
  try {
    await queue.ready();
  } catch (error) {
    await close();
    throw error;
  }
  if (signal?.aborted) await close();
  else signal?.addEventListener('abort', () => void close(), { once: true });
  options.logger?.info('ingest worker started', { queueName: queue.queueName });
  return { queueName: queue.queueName, close, closed };
}
