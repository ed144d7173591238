/** `enqueue` after `close()`: the process is shutting down. The API answers 503 so the client retries later. */
export class IngestQueueClosedError extends Error {
  readonly code = 'queue_closed' as const;
  readonly isRetryable = true;

  constructor(queue: string) {
    super(`The ${queue} ingest queue is closed because the server is shutting down; upload the document again in a moment.`);
    this.name = 'IngestQueueClosedError';
  }
}
