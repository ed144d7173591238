import { createModelRegistry } from '@weft/llm-gateway';
import { GatewayError } from '@weft/llm-gateway/spec';
import { startModelTestServer } from '@weft/model-test-server';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkSettingsSchema, KnowledgeError, type IngestJob, type IngestProgress } from '../../spec';
import { createTestIngestionStack, testJob } from '../test-support/create-test-ingestion-stack';
import { failingAfter } from '../test-support/failing-after';
import { failingFirst } from '../test-support/failing-first';
import { makeDocx } from '../test-support/make-docx';
import { makePdf } from '../test-support/make-pdf';

// One real stack for the file: PGlite with pgvector on disk takes seconds to open.
const stack = await createTestIngestionStack();
afterAll(() => stack.close());

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The statuses a run went through (repeats collapsed), checking progress never goes back and ends at 100. */
function expectCleanRun(history: IngestProgress[]): void {
  const statuses = history.map((report) => report.status).filter((status, index, all) => status !== all[index - 1]);
  expect(statuses).toEqual(['queued', 'parsing', 'chunking', 'embedding', 'indexing', 'completed']);
  const progress = history.map((report) => report.progress);
  expect(progress[0]).toBe(0);
  expect(progress.at(-1)).toBe(100);
  for (let index = 1; index < progress.length; index += 1) expect(progress[index]).toBeGreaterThanOrEqual(progress[index - 1] ?? 0);
  expect(history.every((report) => report.error === undefined)).toBe(true);
}

async function ingest(job: IngestJob, source: { bytes: Uint8Array } | { text: string }, pipeline = stack.pipeline()) {
  stack.repository.putSource(job.documentId, source);
  await pipeline.markQueued(job);
  return pipeline.ingest(job);
}

describe('createIngestionPipeline: every supported kind', () => {
  const kb = 'kb-kinds';
  const documents: { kind: string; word: string; source: { bytes: Uint8Array } | { text: string } }[] = [
    { kind: 'txt', word: 'okapi', source: { bytes: utf8('The okapi lives in the rainforest of the Congo.\n\nIt eats leaves and fruit.') } },
    { kind: 'text', word: 'quokka', source: { text: 'A quokka is a small marsupial that lives on Rottnest Island.' } },
    { kind: 'md', word: 'axolotl', source: { bytes: utf8('# The axolotl\n\nAn **axolotl** keeps its gills all its life.\n\n- lives in lakes near Mexico City') } },
    { kind: 'html', word: 'pangolin', source: { bytes: utf8('<html><body><h1>Pangolin</h1><p>The pangolin is covered in scales.</p><script>var x = 1;</script></body></html>') } },
    { kind: 'pdf', word: 'narwhal', source: { bytes: makePdf([['The narwhal has a long tusk.'], ['It lives in Arctic waters.']], { title: 'Narwhals' }) } },
    { kind: 'docx', word: 'capybara', source: { bytes: makeDocx([{ heading: 'Capybara' }, { paragraph: 'The capybara is the largest rodent.' }, { table: [['food', 'grass']] }]) } },
    { kind: 'csv', word: 'wombat', source: { bytes: utf8('animal,home\nwombat,burrow in Australia\nbadger,sett in Europe\n') } },
  ];

  it('ingests txt, pasted text, md, html, pdf, docx and csv to completed, queued 0 → 100, each searchable by vector and keyword', async () => {
    for (const { kind, word, source } of documents) {
      const job = testJob({ knowledgeBaseId: kb, documentId: `doc-${kind}`, kind });
      const outcome = await ingest(job, source);
      expect(outcome, kind).toMatchObject({ status: 'completed', documentId: job.documentId, dimensions: 512 });
      if (outcome.status !== 'completed') continue;
      expect(outcome.embedded).toBeGreaterThan(0);
      expectCleanRun(stack.repository.history(job.documentId));
      expect(stack.repository.segments(job.documentId)).toHaveLength(outcome.chunks);
      expect(stack.repository.segments(job.documentId).map((segment) => segment.chunk.content).join(' ')).toContain(word);
    }
    for (const { kind, word } of documents) {
      const hits = await stack.search(kb, word, 3);
      expect(hits.keyword[0], `keyword ${word}`).toBe(`doc-${kind}`);
      expect(hits.vector, `vector ${word}`).toContain(`doc-${kind}`);
    }
    expect(stack.repository.generation(kb)).toBe(documents.length);
  }, 60_000);

  it('indexes children with their parent text in parent-child mode', async () => {
    const chunkSettings = chunkSettingsSchema.parse({ mode: 'parent-child', parent: { scope: 'full-doc' }, child: { maxTokens: 16 } });
    const job = testJob({ knowledgeBaseId: 'kb-parents', documentId: 'doc-parent', chunkSettings });
    const text = 'Lemurs live only on Madagascar.\nThey are primates.\nRing-tailed lemurs sunbathe in the morning.';
    const outcome = await ingest(job, { text });
    expect(outcome.status).toBe('completed');
    const [parent, ...children] = stack.repository.segments('doc-parent').map((segment) => segment.chunk);
    expect(parent).toMatchObject({ role: 'parent', content: text });
    expect(children.length).toBeGreaterThan(1);
    expect(children.every((child) => child.role === 'child' && child.parentPosition === 0)).toBe(true);
    expect(outcome).toMatchObject({ chunks: children.length + 1, embedded: children.length });
    const [vector] = (await stack.embeddingModel.doEmbed(['sunbathe in the morning'])).embeddings;
    const hits = await stack.vectorStore.search(vector ?? [], { knowledgeBaseIds: ['kb-parents'] }, 1);
    expect(hits[0]?.segment.content).toContain('sunbathe');
    expect(hits[0]?.segment.content).not.toBe(text);
    expect(hits[0]?.segment.parentContent).toBe(text);
  });
});

describe('createIngestionPipeline: failures', () => {
  const kb = 'kb-failures';

  it('records a code and a reason for bad documents while the rest of the knowledge base stays searchable', async () => {
    await ingest(testJob({ knowledgeBaseId: kb, documentId: 'good' }), { text: 'Flamingos are pink because of the shrimp they eat.' });
    const small = stack.pipeline({ maxBytes: 200 });
    const cases: { job: IngestJob; source: { bytes: Uint8Array } | { text: string }; code: string; reason: RegExp; pipeline?: typeof small }[] = [
      { job: testJob({ knowledgeBaseId: kb, documentId: 'corrupt', kind: 'pdf' }), source: { bytes: utf8('%PDF-1.4 this is not really a pdf') }, code: 'corrupt_file', reason: /damaged or not a PDF/ },
      { job: testJob({ knowledgeBaseId: kb, documentId: 'exe', kind: 'exe' }), source: { bytes: new Uint8Array([0x4d, 0x5a, 0x90]) }, code: 'unsupported_file_type', reason: /Supported types: txt/ },
      { job: testJob({ knowledgeBaseId: kb, documentId: 'blank', kind: 'md' }), source: { bytes: utf8('   \n\n  ') }, code: 'empty_document', reason: /no text to index/ },
      { job: testJob({ knowledgeBaseId: kb, documentId: 'huge' }), source: { text: 'word '.repeat(100) }, code: 'file_too_large', reason: /over the 200 B limit/, pipeline: small },
    ];
    for (const { job, source, code, reason, pipeline } of cases) {
      const outcome = await ingest(job, source, pipeline);
      expect(outcome, job.documentId).toMatchObject({ status: 'error', willRetry: false, error: { code } });
      const latest = stack.repository.latest(job.documentId);
      expect(latest).toMatchObject({ status: 'error', progress: 10, error: { code } });
      expect(latest?.error?.message).toMatch(reason);
      expect(stack.repository.segments(job.documentId)).toEqual([]);
    }
    const hits = await stack.search(kb, 'flamingos pink shrimp');
    expect(hits.keyword).toEqual(['good']);
    expect(new Set(hits.vector)).toEqual(new Set(['good']));
  });

  it('fails a document whose source is gone with not_found, and does not offer a retry that cannot help', async () => {
    const job = testJob({ knowledgeBaseId: kb, documentId: 'never-uploaded' });
    const outcome = await stack.pipeline().ingest(job, { retryOnFailure: true });
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'not_found' }, willRetry: false });
    expect(stack.repository.latest(job.documentId)).toMatchObject({ status: 'error', progress: 0, error: { code: 'not_found' } });
  });

  it('keeps the previous version searchable when embedding fails, and reports queued when it will be retried', async () => {
    const job = testJob({ knowledgeBaseId: kb, documentId: 'kept' });
    await ingest(job, { text: 'Axolotls regrow their limbs.' });
    const down = new GatewayError({ code: 'provider_unavailable', message: 'the embedding server is down' });
    const failing = failingFirst(stack.embeddingModel, 'doEmbed', 1, down);
    stack.repository.putSource(job.documentId, { text: 'Completely different text about volcanoes.' });
    const outcome = await stack.pipeline({ embeddings: () => failing }).ingest(job, { retryOnFailure: true });
    expect(outcome).toMatchObject({ status: 'error', willRetry: true, error: { code: 'embedding_failed', isRetryable: true } });
    expect(stack.repository.latest(job.documentId)).toMatchObject({ status: 'queued', progress: 0, error: { code: 'embedding_failed' } });
    expect((await stack.search(kb, 'axolotls regrow limbs')).keyword).toEqual(['kept']);
    expect((await stack.pipeline({ embeddings: () => failing }).ingest(job)).status).toBe('completed');
    expect((await stack.search(kb, 'axolotls regrow limbs')).keyword).toEqual([]);
    expect((await stack.search(kb, 'volcanoes')).keyword).toEqual(['kept']);
  });

  it('removes a document that failed while indexing from every index, so nothing half-indexed stays', async () => {
    const job = testJob({ knowledgeBaseId: kb, documentId: 'half' });
    await ingest(job, { text: 'Octopuses have three hearts.' });
    stack.repository.putSource(job.documentId, { text: 'Octopuses have three hearts and blue blood.' });
    const brokenStore = failingAfter(stack.vectorStore, 'upsert', 0, new Error('connection reset'));
    const generation = stack.repository.generation(kb);
    const outcome = await stack.pipeline({ vectorStore: brokenStore }).ingest(job);
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'vector_store_unavailable', isRetryable: true } });
    expect(stack.repository.latest(job.documentId)).toMatchObject({ status: 'error', progress: 90 });
    expect(stack.repository.segments(job.documentId)).toEqual([]);
    const hits = await stack.search(kb, 'octopuses three hearts');
    expect(hits.keyword).not.toContain('half');
    expect(hits.vector).not.toContain('half');
    expect(stack.repository.generation(kb)).toBeGreaterThan(generation);
  });
});

describe('createIngestionPipeline: changes', () => {
  const kb = 'kb-changes';

  async function segmentIdsInVectorStore(documentId: string): Promise<string[]> {
    const [vector] = (await stack.embeddingModel.doEmbed(['anything'])).embeddings;
    const hits = await stack.vectorStore.search(vector ?? [], { knowledgeBaseIds: [kb], documentIds: [documentId] }, 100);
    return hits.map((hit) => hit.segment.segmentId).sort();
  }

  it('replaces the old segments when a document is ingested again', async () => {
    const job = testJob({ knowledgeBaseId: kb, documentId: 'replaced' });
    await ingest(job, { text: 'Zebras have black and white stripes.' });
    const before = await segmentIdsInVectorStore('replaced');
    expect(before).toHaveLength(1);
    await ingest(job, { text: 'Giraffes have long necks.\n\nThey sleep standing up.' });
    const after = await segmentIdsInVectorStore('replaced');
    expect(after).toEqual(stack.repository.segments('replaced').map((segment) => segment.id).sort());
    expect(after.some((id) => before.includes(id))).toBe(false);
    expect((await stack.search(kb, 'zebras stripes')).keyword).toEqual([]);
    expect((await stack.search(kb, 'giraffes necks')).keyword).toEqual(['replaced']);
  });

  it('remove() deletes vectors and keywords and bumps the generation', async () => {
    await ingest(testJob({ knowledgeBaseId: kb, documentId: 'removed' }), { text: 'Penguins cannot fly but swim well.' });
    await ingest(testJob({ knowledgeBaseId: kb, documentId: 'stays' }), { text: 'Puffins can fly and swim.' });
    const generation = stack.repository.generation(kb);
    await stack.pipeline().remove(kb, 'removed');
    expect(await segmentIdsInVectorStore('removed')).toEqual([]);
    expect((await stack.search(kb, 'penguins')).keyword).toEqual([]);
    expect((await stack.search(kb, 'puffins')).keyword).toEqual(['stays']);
    expect(stack.repository.generation(kb)).toBe(generation + 1);
  });

  it('reembed() clears the knowledge base and ingests every document again', async () => {
    const reembedKb = 'kb-reembed';
    const first = testJob({ knowledgeBaseId: reembedKb, documentId: 're-1' });
    const second = testJob({ knowledgeBaseId: reembedKb, documentId: 're-2' });
    await ingest(first, { text: 'Bats navigate with echolocation.' });
    await ingest(second, { text: 'Owls hunt at night.' });
    const generation = stack.repository.generation(reembedKb);
    const pipeline = stack.pipeline();
    const outcomes = await pipeline.reembed(reembedKb, [first, second]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['completed', 'completed']);
    expect(stack.repository.generation(reembedKb)).toBe(generation + 3);
    expect((await stack.search(reembedKb, 'echolocation')).keyword).toEqual(['re-1']);
    expect((await stack.search(reembedKb, 'owls night')).keyword).toEqual(['re-2']);

    const foreign = testJob({ knowledgeBaseId: 'kb-other', documentId: 'x' });
    await expect(pipeline.reembed(reembedKb, [foreign])).rejects.toSatisfy(
      (error: unknown) => error instanceof KnowledgeError && error.code === 'invalid_settings' && /kb-other/.test(error.message),
    );
    expect((await stack.search(reembedKb, 'echolocation')).keyword).toEqual(['re-1']);
  });
});

describe('createIngestionPipeline: changing the embedding model', () => {
  it('refuses a document embedded with another model until reembed(), which moves the knowledge base to it', async () => {
    const server = await startModelTestServer({ embeddingDimensions: 24 });
    try {
      const registry = createModelRegistry({ providers: [{ name: 'test', kind: 'openai', baseURL: server.url, apiKey: 'test' }] });
      const pipeline = stack.pipeline({ embeddings: (id) => registry.embeddingModel(id) });
      const kb = 'kb-model-change';
      const job = testJob({ knowledgeBaseId: kb, documentId: 'moved' });
      await ingest(job, { text: 'Hummingbirds can fly backwards.' }, pipeline);

      const moved = { ...job, embeddingModel: 'test:weft-test-embedding' };
      const refused = await pipeline.ingest(moved);
      expect(refused).toMatchObject({ status: 'error', error: { code: 'dimension_mismatch' } });
      expect(stack.repository.latest('moved')?.error?.message).toMatch(/holds 512-dimension vectors but ensureCollection got 24/);
      expect((await stack.search(kb, 'hummingbirds backwards')).vector).toEqual(['moved']);

      const [outcome] = await pipeline.reembed(kb, [moved]);
      expect(outcome).toMatchObject({ status: 'completed', dimensions: 24 });
      const [query] = (await registry.embeddingModel('test:weft-test-embedding').doEmbed(['hummingbirds fly backwards'])).embeddings;
      const hits = await stack.vectorStore.search(query ?? [], { knowledgeBaseIds: [kb] }, 1);
      expect(hits[0]?.segment).toMatchObject({ documentId: 'moved', content: 'Hummingbirds can fly backwards.' });
    } finally {
      await server.close();
    }
  });
});
