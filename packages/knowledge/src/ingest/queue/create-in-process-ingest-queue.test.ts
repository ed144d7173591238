import { GatewayError } from '@weft/llm-gateway/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../spec';
import { createTestIngestionStack, testJob } from '../test-support/create-test-ingestion-stack';
import { failingFirst } from '../test-support/failing-first';
import { observePipeline } from '../test-support/observe-pipeline';
import { createInProcessIngestQueue } from './create-in-process-ingest-queue';
import { IngestQueueError } from './ingest-queue-error';

// One real stack for the file: PGlite with pgvector on disk takes seconds to open.
const stack = await createTestIngestionStack();
afterAll(() => stack.close());

const animals = ['lion', 'tiger', 'cheetah', 'leopard', 'jaguar'];
const providerDown = () => new GatewayError({ code: 'provider_unavailable', message: 'the embedding server is restarting' });

describe('createInProcessIngestQueue', () => {
  it('runs jobs in the background, at most `concurrency` at a time, until drain() sees them all done', async () => {
    const kb = 'kb-background';
    const { pipeline, observed } = observePipeline(stack.pipeline());
    const queue = createInProcessIngestQueue({ pipeline, concurrency: 2 });
    for (const animal of animals) {
      stack.repository.putSource(`doc-${animal}`, { text: `The ${animal} is a big cat.\n\nIt hunts alone at dusk.` });
      await queue.enqueue(testJob({ knowledgeBaseId: kb, documentId: `doc-${animal}` }));
    }
    expect(stack.repository.latest('doc-jaguar')?.status).toBe('queued');
    expect(queue.counts().running).toBe(2);
    await queue.drain();
    expect(queue.counts()).toEqual({ waiting: 0, running: 0, retrying: 0 });
    expect(observed.maxInFlight).toBe(2);
    expect(observed.runs.map((job) => job.documentId)).toEqual(animals.map((animal) => `doc-${animal}`));
    for (const animal of animals) {
      expect(stack.repository.latest(`doc-${animal}`)).toMatchObject({ status: 'completed', progress: 100 });
      expect((await stack.search(kb, animal)).keyword).toEqual([`doc-${animal}`]);
    }
    await queue.close();
  });

  it('retries a retryable failure with exponential backoff, then completes', async () => {
    const failing = failingFirst(stack.embeddingModel, 'doEmbed', 2, providerDown());
    const { pipeline, observed } = observePipeline(stack.pipeline({ embeddings: () => failing }));
    const queue = createInProcessIngestQueue({ pipeline, maxAttempts: 3, backoffMs: 60 });
    const job = testJob({ knowledgeBaseId: 'kb-retry', documentId: 'flaky' });
    stack.repository.putSource(job.documentId, { text: 'Sloths move slowly to save energy.' });
    const started = Date.now();
    await queue.enqueue(job);
    await queue.drain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(60 + 120);
    expect(observed.runs).toHaveLength(3);
    const history = stack.repository.history('flaky');
    const requeued = history.filter((report) => report.status === 'queued' && report.error !== undefined);
    expect(requeued).toHaveLength(2);
    expect(requeued[0]?.error).toMatchObject({ code: 'embedding_failed' });
    expect(history.at(-1)).toMatchObject({ status: 'completed', progress: 100 });
    expect((await stack.search('kb-retry', 'sloths')).keyword).toEqual(['flaky']);
  });

  it('gives up after maxAttempts and leaves the document in error with the reason', async () => {
    const failing = failingFirst(stack.embeddingModel, 'doEmbed', 10, providerDown());
    const { pipeline, observed } = observePipeline(stack.pipeline({ embeddings: () => failing }));
    const queue = createInProcessIngestQueue({ pipeline, maxAttempts: 2, backoffMs: 10 });
    const job = testJob({ knowledgeBaseId: 'kb-retry', documentId: 'down' });
    stack.repository.putSource(job.documentId, { text: 'Never embedded.' });
    await queue.enqueue(job);
    await queue.drain();
    expect(observed.runs).toHaveLength(2);
    expect(stack.repository.latest('down')).toMatchObject({ status: 'error', error: { code: 'embedding_failed' } });
    expect(stack.repository.latest('down')?.error?.message).toMatch(/embedding server is restarting/);
  });

  it('never runs one document twice at once: a job enqueued during a run waits, later ones replace it', async () => {
    const { pipeline, observed } = observePipeline(stack.pipeline());
    const queue = createInProcessIngestQueue({ pipeline, concurrency: 4 });
    const kb = 'kb-latest';
    stack.repository.putSource('edited', { text: 'First draft about herons.' });
    await queue.enqueue(testJob({ knowledgeBaseId: kb, documentId: 'edited', tags: ['v1'] }));
    stack.repository.putSource('edited', { text: 'Second draft about egrets.' });
    await queue.enqueue(testJob({ knowledgeBaseId: kb, documentId: 'edited', tags: ['v2'] }));
    await queue.enqueue(testJob({ knowledgeBaseId: kb, documentId: 'edited', tags: ['v3'] }));
    expect(queue.counts()).toEqual({ waiting: 1, running: 1, retrying: 0 });
    await queue.drain();
    expect(observed.documentOverlaps).toBe(0);
    expect(observed.runs.map((job) => job.tags)).toEqual([['v1'], ['v3']]);
    const hits = await stack.keywordIndex.search('egrets', { knowledgeBaseIds: [kb] }, 5);
    expect(hits.map((hit) => hit.segment.tags)).toEqual([['v3']]);
    expect((await stack.search(kb, 'herons')).keyword).toEqual([]);
  });

  it('a new job of a document replaces its pending retry', async () => {
    const failing = failingFirst(stack.embeddingModel, 'doEmbed', 1, providerDown());
    const { pipeline, observed } = observePipeline(stack.pipeline({ embeddings: () => failing }));
    const queue = createInProcessIngestQueue({ pipeline, backoffMs: 60_000 });
    const job = testJob({ knowledgeBaseId: 'kb-replace-retry', documentId: 'retried', tags: ['old'] });
    stack.repository.putSource(job.documentId, { text: 'Koalas sleep most of the day.' });
    await queue.enqueue(job);
    while (queue.counts().retrying === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await queue.enqueue({ ...job, tags: ['new'] });
    await queue.drain();
    expect(observed.runs.map((run) => run.tags)).toEqual([['old'], ['new']]);
    expect(stack.repository.latest('retried')).toMatchObject({ status: 'completed' });
  });

  it('close() stops accepting jobs and waits for the accepted ones; bad jobs and settings are refused with a reason', async () => {
    const queue = createInProcessIngestQueue({ pipeline: stack.pipeline() });
    for (const name of ['walrus', 'seal']) {
      stack.repository.putSource(name, { text: `The ${name} lives on the ice.` });
      await queue.enqueue(testJob({ knowledgeBaseId: 'kb-close', documentId: name }));
    }
    await expect(queue.enqueue({ ...testJob({ knowledgeBaseId: 'kb-close', documentId: 'x' }), embeddingModel: 'use-lite' })).rejects.toSatisfy(
      (error: unknown) => error instanceof KnowledgeError && error.code === 'invalid_settings' && /embeddingModel: expected "provider:model"/.test(error.message),
    );
    await queue.close();
    expect(stack.repository.latest('walrus')?.status).toBe('completed');
    expect(stack.repository.latest('seal')?.status).toBe('completed');
    await expect(queue.enqueue(testJob({ knowledgeBaseId: 'kb-close', documentId: 'late' }))).rejects.toSatisfy((error: unknown) => error instanceof IngestQueueError && error.code === 'queue_closed');
    expect(stack.repository.latest('late')).toBeUndefined();
    expect(() => createInProcessIngestQueue({ pipeline: stack.pipeline(), concurrency: 0 })).toThrow(/concurrency must be a whole number of at least 1, got 0/);
  });
});
