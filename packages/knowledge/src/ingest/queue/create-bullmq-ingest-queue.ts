import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Bullmq from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '@weft/workflow-engine/spec';
import { KnowledgeError, type IngestJob, type IngestQueue } from '../../spec';
import type { IngestQueuePipeline } from './create-in-process-ingest-queue';
import { queueClosedError } from './ingest-queue-error';
import { parseIngestJob } from './ingest-job-schema';
import { positiveInteger } from './positive-integer';
import { openIngestRedis, unavailable } from './open-ingest-redis';
import { createDocumentLocks, type DocumentLocks } from './redis-document-lock';

export interface BullmqIngestQueueOptions {
  /** `markQueued` runs on enqueue; `ingest` only where this instance runs a worker. */
  pipeline: IngestQueuePipeline;
  /** A Redis URL, or an ioredis client (duplicated: this queue closes only its own connections). */
  connection: { url: string } | Redis;
  /** BullMQ queue name, without `:` (default `knowledge-ingest`). */
  queueName?: string;
  /** Prefix of every Redis key (default `weft`). */
  prefix?: string;
  /** Run a worker in this process (default true); API processes of a deployment with worker processes pass false. */
  runWorker?: boolean;
  /** Documents this worker ingests at the same time (default 2). */
  concurrency?: number;
  /** Runs of a job, the first included, while its failure is retryable (default 3). */
  maxAttempts?: number;
  /** Exponential backoff: the first retry waits this long, each next one twice as long (default 1000 ms). */
  backoffMs?: number;
  /** A job whose document another worker is ingesting waits this long before it looks again (default 500 ms). */
  lockRetryMs?: number;
  /** A document lease its dead worker stopped renewing frees the document after this long (default 60 s). */
  lockTtlMs?: number;
  /** How often `drain()` looks at its jobs (default 50 ms). */
  drainPollMs?: number;
  logger?: Logger;
}

export interface BullmqIngestQueue extends IngestQueue {
  readonly queueName: string;
  /** Resolves once Redis answers (and the worker, if any, is listening); rejects when it cannot connect. */
  ready(): Promise<void>;
}

/** What a job ends with in BullMQ (the document's own status is in the repository). */
export interface IngestJobResult {
  status: 'completed' | 'error' | 'superseded';
  documentId: string;
  chunks?: number;
  errorCode?: string;
}

const finishedStates = new Set(['completed', 'failed', 'unknown']);
const latestJobTtlSeconds = 7 * 24 * 3600;

/**
 * The server mode's queue on BullMQ: API processes enqueue, workers (here with `runWorker`, or processes started
 * with `runIngestWorker`) run the pipeline; a retryable failure is retried with exponential backoff up to
 * `maxAttempts` runs.
 *
 * One document never runs twice at once, across processes: a worker takes a Redis lease on the document and a job
 * finding it taken waits (delayed) and looks again. Latest enqueue wins: each enqueue records its job as the
 * document's latest, and a worker skips (`superseded`) any job of the document that is no longer the latest.
 *
 * `drain()` waits until every job enqueued by this instance has finished. `close()` stops accepting jobs, lets the
 * worker finish its running jobs, and leaves waiting jobs in Redis for the next worker.
 */
export function createBullmqIngestQueue(options: BullmqIngestQueueOptions): BullmqIngestQueue {
  const { pipeline, logger } = options;
  const queueName = options.queueName ?? 'knowledge-ingest';
  const prefix = (options.prefix ?? 'weft').replace(/:+$/, '');
  const maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? 3);
  const concurrency = positiveInteger('concurrency', options.concurrency ?? 2);
  const lockRetryMs = options.lockRetryMs ?? 500;
  const drainPollMs = options.drainPollMs ?? 50;
  if (queueName === '' || queueName.includes(':')) {
    throw new KnowledgeError('invalid_settings', `The ingest queue name "${queueName}" must be non-empty and without ":"; use the prefix option to namespace it.`);
  }

  // Required here, not when the package loads (~25 MB resident): only server mode (Redis) queues through BullMQ.
  // Its package entry is CommonJS already, so this is the instance an `import from 'bullmq'` gets.
  const { DelayedError, Queue, UnrecoverableError, Worker } = createRequire(import.meta.url)('bullmq') as typeof Bullmq;
  const redis = openIngestRedis(options.connection, options.runWorker !== false, logger);
  const keyPrefix = `${prefix}:${queueName}:`;
  const latestKey = (documentId: string) => `${keyPrefix}latest-job:${documentId}`;

  const queue = new Queue<IngestJob, IngestJobResult>(queueName, {
    connection: redis.producer,
    prefix,
    defaultJobOptions: {
      attempts: maxAttempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  queue.on('error', (error: Error) => logger?.error('ingest queue error', { error: error.message }));

  const processor = (client: Redis) => {
    const locks = createDocumentLocks({ redis: client, prefix: keyPrefix, ttlMs: options.lockTtlMs, logger });
    return (bullJob: Job<IngestJob, IngestJobResult>, token?: string) => runJob(client, locks, bullJob, token);
  };

  async function runJob(client: Redis, locks: DocumentLocks, bullJob: Job<IngestJob, IngestJobResult>, token?: string): Promise<IngestJobResult> {
    let job: IngestJob;
    try {
      job = parseIngestJob(bullJob.data);
    } catch (error) {
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    }
    const { documentId } = job;
    const latest = await client.get(latestKey(documentId));
    if (latest !== null && latest !== bullJob.id) return { status: 'superseded', documentId };
    const lease = await locks.acquire(documentId);
    if (lease === undefined) {
      await bullJob.moveToDelayed(Date.now() + lockRetryMs, token);
      throw new DelayedError();
    }
    try {
      // The producer's attempts count, which may differ from this instance's maxAttempts.
      const attempts = bullJob.opts.attempts ?? 1;
      const outcome = await pipeline.ingest(job, { retryOnFailure: bullJob.attemptsMade + 1 < attempts });
      if (outcome.status === 'completed') return { status: 'completed', documentId, chunks: outcome.chunks };
      // Thrown so BullMQ retries it with backoff; the pipeline has put the document back to `queued`.
      if (outcome.willRetry) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
      return { status: 'error', documentId, errorCode: outcome.error.code };
    } finally {
      // A lease that cannot be released lapses after lockTtlMs; the job's result stands.
      await lease.release().catch((error: unknown) => logger?.warn('could not release a document lease', { documentId, error: String(error) }));
    }
  }

  const workerClient = redis.worker;
  const worker =
    workerClient === undefined
      ? undefined
      : new Worker<IngestJob, IngestJobResult>(queueName, processor(workerClient), {
          connection: workerClient,
          prefix,
          concurrency,
          removeOnComplete: { age: 3600, count: 1000 },
        });
  worker?.on('error', (error: Error) => logger?.error('ingest worker error', { error: error.message }));
  worker?.on('failed', (bullJob, error) =>
    logger?.warn('ingest job failed', { jobId: bullJob?.id, documentId: bullJob?.data.documentId, attemptsMade: bullJob?.attemptsMade, error: error.message }),
  );

  const mine = new Set<string>();
  const enqueuing = new Set<Promise<void>>();
  let closed = false;
  let closing: Promise<void> | undefined;

  async function add(job: IngestJob): Promise<void> {
    // Redis first: a document is only marked queued when the queue can take it (short of Redis failing right after).
    await redis.ping();
    await pipeline.markQueued(job);
    const jobId = randomUUID();
    try {
      // Recorded before the job exists, so a worker never mistakes the newest job for a superseded one.
      await redis.producer.set(latestKey(job.documentId), jobId, 'EX', latestJobTtlSeconds);
      await queue.add('ingest', job, { jobId });
    } catch (error) {
      throw unavailable(error);
    }
    mine.add(jobId);
  }

  async function settleEnqueues(): Promise<void> {
    while (enqueuing.size > 0) await Promise.allSettled([...enqueuing]);
  }

  return {
    queueName,
    async enqueue(input) {
      if (closed) throw queueClosedError(`BullMQ "${queueName}"`);
      const task = add(parseIngestJob(input));
      enqueuing.add(task);
      try {
        await task;
      } finally {
        enqueuing.delete(task);
      }
    },
    async drain() {
      for (;;) {
        await settleEnqueues();
        const ids = [...mine];
        const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
        ids.forEach((id, index) => finishedStates.has(states[index] ?? 'unknown') && mine.delete(id));
        if (mine.size === 0 && enqueuing.size === 0) return;
        await new Promise((resolve) => setTimeout(resolve, drainPollMs));
      }
    },
    async ready() {
      await redis.ping();
      await queue.waitUntilReady();
      await worker?.waitUntilReady();
    },
    close() {
      closed = true;
      closing ??= (async () => {
        await settleEnqueues();
        // Without Redis the worker cannot finish its jobs properly (their locks lapse and another worker re-runs them).
        const reachable = await redis.ping().then(() => true, () => false);
        await worker?.close(!reachable);
        await queue.close();
        await redis.close();
      })();
      return closing;
    },
  };
}
