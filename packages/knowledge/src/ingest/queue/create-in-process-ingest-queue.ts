import type { Logger } from '@weft/workflow-engine/spec';
import type { IngestJob, IngestQueue } from '../../spec';
import type { IngestionPipeline } from '../pipeline/create-ingestion-pipeline';
import { queueClosedError } from './ingest-queue-error';
import { parseIngestJob } from './ingest-job-schema';
import { positiveInteger } from './positive-integer';

/** What a queue needs of the pipeline: `markQueued` on enqueue, `ingest` to run a job. */
export type IngestQueuePipeline = Pick<IngestionPipeline, 'markQueued' | 'ingest'>;

export interface InProcessIngestQueueOptions {
  pipeline: IngestQueuePipeline;
  /** Documents ingested at the same time (default 2). */
  concurrency?: number;
  /** Runs of a job, the first included, while its failure is retryable (default 3). */
  maxAttempts?: number;
  /** Wait before the first retry, doubled before each next one (default 1000 ms). */
  backoffMs?: number;
  logger?: Logger;
}

export interface InProcessIngestQueue extends IngestQueue {
  /** Documents waiting to start, running, and waiting for a retry. */
  counts(): { waiting: number; running: number; retrying: number };
}

interface Entry {
  job: IngestJob;
  /** 1 for the first run. */
  attempt: number;
}

/**
 * The embedded mode's queue: jobs run in the background of this process, at most `concurrency` at a time, and a
 * retryable failure runs again after an exponential backoff. Nothing is persisted: documents still `queued` when
 * the process dies must be enqueued again at start-up.
 *
 * One document never runs twice at once. Latest enqueue wins: a job enqueued while an earlier job of the same
 * document waits (or waits for a retry) replaces it, keeping its place in line; a job enqueued while the document
 * runs waits for that run to finish, then runs (the source may have changed meanwhile).
 *
 * `close()` stops accepting jobs, then waits until every accepted job has finished, retries included.
 */
export function createInProcessIngestQueue(options: InProcessIngestQueueOptions): InProcessIngestQueue {
  const { pipeline, logger } = options;
  const concurrency = positiveInteger('concurrency', options.concurrency ?? 2);
  const maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? 3);
  const backoffMs = Math.max(0, options.backoffMs ?? 1000);

  /** By document, in arrival order (replacing an entry keeps its place). */
  const waiting = new Map<string, Entry>();
  const running = new Set<string>();
  const retrying = new Map<string, { entry: Entry; timer: ReturnType<typeof setTimeout> }>();
  let enqueuing = 0;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const isIdle = () => enqueuing === 0 && waiting.size === 0 && running.size === 0 && retrying.size === 0;

  function settle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function pump(): void {
    for (const [documentId, entry] of waiting) {
      if (running.size >= concurrency) return;
      if (running.has(documentId)) continue;
      waiting.delete(documentId);
      start(entry);
    }
  }

  function start({ job, attempt }: Entry): void {
    running.add(job.documentId);
    void pipeline
      .ingest(job, { retryOnFailure: attempt < maxAttempts })
      .then(
        (outcome) => {
          if (outcome.status === 'error' && outcome.willRetry) retryLater({ job, attempt: attempt + 1 });
        },
        (error: unknown) => logger?.error('document ingestion crashed', { documentId: job.documentId, error: String(error) }),
      )
      .finally(() => {
        running.delete(job.documentId);
        pump();
        settle();
      });
  }

  function retryLater(entry: Entry): void {
    const { documentId } = entry.job;
    if (waiting.has(documentId)) return; // a newer job of the document replaces the retry
    const delay = backoffMs * 2 ** (entry.attempt - 2);
    logger?.info('document ingestion will be retried', { documentId, attempt: entry.attempt, delayMs: delay });
    const timer = setTimeout(() => {
      retrying.delete(documentId);
      if (!waiting.has(documentId)) waiting.set(documentId, entry);
      pump();
      settle();
    }, delay);
    retrying.set(documentId, { entry, timer });
  }

  return {
    async enqueue(input) {
      if (closed) throw queueClosedError('in-process');
      const job = parseIngestJob(input);
      enqueuing += 1;
      try {
        await pipeline.markQueued(job);
        const retry = retrying.get(job.documentId);
        if (retry !== undefined) {
          clearTimeout(retry.timer);
          retrying.delete(job.documentId);
        }
        waiting.set(job.documentId, { job, attempt: 1 });
        pump();
      } finally {
        enqueuing -= 1;
        settle();
      }
    },
    drain: () => (isIdle() ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    async close() {
      closed = true;
      if (!isIdle()) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    counts: () => ({ waiting: waiting.size, running: running.size, retrying: retrying.size }),
  };
}
