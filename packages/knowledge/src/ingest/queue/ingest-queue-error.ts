export type IngestQueueErrorCode = 'queue_closed' | 'queue_unavailable';

/**
 * The queue could not take a job: `queue_closed` (the process is shutting down) or `queue_unavailable` (its Redis
 * cannot be reached). Both are worth retrying later; the API answers 503.
 */
export class IngestQueueError extends Error {
  readonly code: IngestQueueErrorCode;
  readonly isRetryable = true;

  constructor(code: IngestQueueErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IngestQueueError';
    this.code = code;
  }
}

export function queueClosedError(queue: string): IngestQueueError {
  return new IngestQueueError('queue_closed', `The ${queue} ingest queue is closed because the server is shutting down; add the document again in a moment.`);
}
