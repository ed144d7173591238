import { GatewayError, type EmbeddingModel } from '@weft/llm-gateway/spec';
import { probeRedis, testRedisUrl, uniqueTestPrefix } from '@weft/testkit';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestIngestionStack, testJob } from '../test-support/create-test-ingestion-stack';
import { failingFirst } from '../test-support/failing-first';
import { observePipeline } from '../test-support/observe-pipeline';
import { createBullmqIngestQueue, type BullmqIngestQueue } from './create-bullmq-ingest-queue';
import { IngestQueueError } from './ingest-queue-error';
import { runIngestWorker } from './run-ingest-worker';

const redis = await probeRedis();
// One real stack for the file: PGlite with pgvector on disk takes seconds to open.
const stack = await createTestIngestionStack();
const prefix = uniqueTestPrefix('ingest').replace(/:$/, '');
const admin = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
const opened: { close(): Promise<void> }[] = [];

afterAll(async () => {
  await Promise.allSettled(opened.map((queue) => queue.close()));
  if (redis.ok) {
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  }
  await stack.close();
});

function open(options: Partial<Parameters<typeof createBullmqIngestQueue>[0]> & { queueName: string }): BullmqIngestQueue {
  const queue = createBullmqIngestQueue({ pipeline: stack.pipeline(), connection: { url: testRedisUrl() }, prefix, backoffMs: 50, lockRetryMs: 100, ...options });
  opened.push(queue);
  return queue;
}

const providerDown = () => new GatewayError({ code: 'provider_unavailable', message: 'the embedding server is restarting' });

describe.skipIf(!redis.ok)('createBullmqIngestQueue on the real Redis', () => {
  it('runs enqueued jobs on its worker, at most `concurrency` at once, and drain() waits for them', async () => {
    const { pipeline, observed } = observePipeline(stack.pipeline());
    const queue = open({ queueName: 'basic', pipeline, concurrency: 2 });
    await queue.ready();
    const birds = ['robin', 'sparrow', 'finch', 'wren'];
    for (const bird of birds) {
      stack.repository.putSource(`doc-${bird}`, { text: `The ${bird} sings in the garden every morning.` });
      await queue.enqueue(testJob({ knowledgeBaseId: 'kb-bull', documentId: `doc-${bird}` }));
    }
    await queue.drain();
    expect(observed.runs.map((job) => job.documentId).sort()).toEqual(birds.map((bird) => `doc-${bird}`).sort());
    expect(observed.maxInFlight).toBeLessThanOrEqual(2);
    for (const bird of birds) {
      expect(stack.repository.latest(`doc-${bird}`)).toMatchObject({ status: 'completed', progress: 100 });
      expect((await stack.search('kb-bull', bird)).keyword).toEqual([`doc-${bird}`]);
    }
  });

  it('retries a job that failed with a retryable error, with backoff, and it then succeeds', async () => {
    const failing = failingFirst(stack.embeddingModel, 'doEmbed', 1, providerDown());
    const { pipeline, observed } = observePipeline(stack.pipeline({ embeddings: () => failing }));
    const queue = open({ queueName: 'retry', pipeline, maxAttempts: 3 });
    stack.repository.putSource('flaky', { text: 'Kingfishers dive for fish.' });
    await queue.enqueue(testJob({ knowledgeBaseId: 'kb-bull', documentId: 'flaky' }));
    await queue.drain();
    expect(failing.failures()).toBe(1);
    expect(observed.runs).toHaveLength(2);
    const history = stack.repository.history('flaky');
    expect(history.filter((report) => report.status === 'queued' && report.error?.code === 'embedding_failed')).toHaveLength(1);
    expect(history.at(-1)).toMatchObject({ status: 'completed', progress: 100 });
    expect((await stack.search('kb-bull', 'kingfishers')).keyword).toEqual(['flaky']);
  });

  it('gives up after maxAttempts: the document is in error and the job completes with the code', async () => {
    const failing = failingFirst(stack.embeddingModel, 'doEmbed', 10, providerDown());
    const { pipeline, observed } = observePipeline(stack.pipeline({ embeddings: () => failing }));
    const queue = open({ queueName: 'give-up', pipeline, maxAttempts: 2 });
    stack.repository.putSource('down', { text: 'Never embedded.' });
    await queue.enqueue(testJob({ knowledgeBaseId: 'kb-bull', documentId: 'down' }));
    await queue.drain();
    expect(observed.runs).toHaveLength(2);
    expect(stack.repository.latest('down')).toMatchObject({ status: 'error', error: { code: 'embedding_failed' } });
  });

  it('shares Redis between a producer-only instance and a worker process: the producer enqueues, the worker ingests', async () => {
    const producerSide = observePipeline(stack.pipeline());
    const workerSide = observePipeline(stack.pipeline());
    const producer = open({ queueName: 'shared', pipeline: producerSide.pipeline, runWorker: false });
    const abort = new AbortController();
    const worker = await runIngestWorker({ pipeline: workerSide.pipeline, connection: admin, prefix, queueName: 'shared', signal: abort.signal });
    opened.push(worker);
    for (const fish of ['salmon', 'trout']) {
      stack.repository.putSource(fish, { text: `The ${fish} swims upstream to spawn.` });
      await producer.enqueue(testJob({ knowledgeBaseId: 'kb-shared', documentId: fish }));
      expect(stack.repository.history(fish)[0]).toMatchObject({ status: 'queued', progress: 0 });
    }
    await producer.drain();
    expect(producerSide.observed.runs).toEqual([]);
    expect(workerSide.observed.runs.map((job) => job.documentId).sort()).toEqual(['salmon', 'trout']);
    expect((await stack.search('kb-shared', 'salmon')).keyword).toEqual(['salmon']);
    abort.abort();
    await worker.closed;
    await producer.close();
    await expect(producer.enqueue(testJob({ knowledgeBaseId: 'kb-shared', documentId: 'late' }))).rejects.toSatisfy((error: unknown) => error instanceof IngestQueueError && error.code === 'queue_closed');
  });

  it('never runs one document on two workers at once, and a superseded job is skipped for the latest one', async () => {
    // v1's embedding waits at a gate until v2 and v3 have been enqueued and picked up.
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const model = stack.embeddingModel;
    const gated: EmbeddingModel = {
      provider: model.provider,
      modelId: model.modelId,
      dimensions: model.dimensions,
      maxBatchSize: model.maxBatchSize,
      doEmbed: async (texts, embedOptions) => {
        await gate;
        return model.doEmbed(texts, embedOptions);
      },
    };
    const { pipeline, observed } = observePipeline(stack.pipeline({ embeddings: () => gated }));
    const first = open({ queueName: 'one-document', pipeline, concurrency: 2 });
    const second = open({ queueName: 'one-document', pipeline, concurrency: 2 });
    await Promise.all([first.ready(), second.ready()]);
    stack.repository.putSource('edited', { text: 'Cormorants dry their wings in the sun.' });
    await first.enqueue(testJob({ knowledgeBaseId: 'kb-edits', documentId: 'edited', tags: ['v1'] }));
    while (stack.repository.latest('edited')?.status !== 'embedding') await new Promise((resolve) => setTimeout(resolve, 5));
    await second.enqueue(testJob({ knowledgeBaseId: 'kb-edits', documentId: 'edited', tags: ['v2'] }));
    await first.enqueue(testJob({ knowledgeBaseId: 'kb-edits', documentId: 'edited', tags: ['v3'] }));
    await new Promise((resolve) => setTimeout(resolve, 400)); // free workers pick v2 and v3 up meanwhile
    openGate();
    await Promise.all([first.drain(), second.drain()]);
    expect(observed.documentOverlaps).toBe(0);
    expect(observed.runs.map((job) => job.tags[0])).toEqual(['v1', 'v3']);
    const hits = await stack.keywordIndex.search('cormorants wings', { knowledgeBaseIds: ['kb-edits'] }, 10);
    expect(hits.map((hit) => hit.segment.tags)).toEqual([['v3']]);
  });

  it('fails a job whose data is not an ingestion job without retrying it', async () => {
    const queue = open({ queueName: 'bad-data' });
    await queue.ready();
    const raw = new Queue('bad-data', { connection: { url: testRedisUrl() }, prefix });
    try {
      const job = await raw.add('ingest', { documentId: 'no-settings' }, { attempts: 3 });
      let state = await raw.getJobState(job.id ?? '');
      for (let tries = 0; state !== 'failed' && tries < 100; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        state = await raw.getJobState(job.id ?? '');
      }
      const failed = await raw.getJob(job.id ?? '');
      expect(state).toBe('failed');
      expect(failed?.attemptsMade).toBe(1);
      expect(failed?.failedReason).toMatch(/Invalid ingestion job: knowledgeBaseId/);
    } finally {
      await raw.close();
    }
  });
});

describe('createBullmqIngestQueue without Redis', () => {
  it('fails fast with queue_unavailable, before marking the document queued; runIngestWorker rejects the same way', async () => {
    const unreachable = { url: 'redis://127.0.0.1:1' };
    const unavailable = (error: unknown) => error instanceof IngestQueueError && error.code === 'queue_unavailable' && /Check that Redis runs/.test(error.message);
    const queue = createBullmqIngestQueue({ pipeline: stack.pipeline(), connection: unreachable, runWorker: false });
    stack.repository.putSource('unqueued', { text: 'Never queued.' });
    const started = Date.now();
    await expect(queue.enqueue(testJob({ knowledgeBaseId: 'kb-no-redis', documentId: 'unqueued' }))).rejects.toSatisfy(unavailable);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(stack.repository.latest('unqueued')).toBeUndefined();
    await queue.close();
    await expect(runIngestWorker({ pipeline: stack.pipeline(), connection: unreachable })).rejects.toSatisfy(unavailable);
  });
});
