import type { RetrievalHit, RetrievalQuery } from '@weft/workflow-engine/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeError } from '../spec';
import { createKnowledgeRetriever, type KnowledgeRetrieverOptions } from './create-knowledge-retriever';
import { openRetrievalFixture, type RetrievalFixture } from './test-support/retrieval-fixture';

const useLite = 'local:use-lite';
const trigram = 'test:weft-test-embedding';
let fixture: RetrievalFixture;
const embedCalls: string[] = [];

const doc = (documentId: string, content: string, extra: { tags?: string[]; parentContent?: string; segmentId?: string } = {}) => ({
  segmentId: extra.segmentId ?? `seg-${documentId}`,
  documentId,
  documentName: `${documentId}.md`,
  content,
  tags: extra.tags ?? [],
  ...(extra.parentContent === undefined ? {} : { parentContent: extra.parentContent }),
  metadata: { source: documentId },
});

const passwordPolicy = 'Password policy. Passwords need at least twelve characters. They expire every ninety days.';

beforeAll(async () => {
  fixture = await openRetrievalFixture();
  await fixture.index('kb-en', useLite, [
    doc('refund', 'Refunds are issued within 14 days after we receive the returned item.', { tags: ['billing'] }),
    doc('router', 'To factory-reset the WX-4471 router, hold the pinhole button for ten seconds.', { tags: ['hardware'] }),
    doc('shipping', 'Orders leave our warehouse within two business days and arrive by courier.', { tags: ['logistics'] }),
    doc('tea', 'Green tea tastes best brewed with water around eighty degrees for two minutes.'),
    doc('password', 'Passwords need at least twelve characters.', { parentContent: passwordPolicy, segmentId: 'seg-password-1' }),
    doc('password', 'They expire every ninety days.', { parentContent: passwordPolicy, segmentId: 'seg-password-2' }),
  ]);
  await fixture.index('kb-zh', useLite, [
    doc('train', '高铁票可以在开车前三十分钟内免费改签一次。'),
    doc('zh-tea', '绿茶需要用八十度左右的水冲泡，时间不宜过长。'),
  ]);
  await fixture.index('kb-cafe', trigram, [doc('cafeteria', 'The cafeteria serves lunch from noon until two o clock.')]);
}, 60_000);
afterAll(async () => {
  await fixture?.close();
});

function retriever(extra: Partial<KnowledgeRetrieverOptions> = {}) {
  return createKnowledgeRetriever({
    vectorStore: fixture.vectorStore,
    keywordIndex: fixture.keywordIndex,
    embedQuery: async (knowledgeBaseId, text, signal) => {
      const modelId = fixture.modelOf.get(knowledgeBaseId) ?? useLite;
      embedCalls.push(modelId);
      return (await fixture.registry.embeddingModel(modelId).doEmbed([text], { signal })).embeddings[0] ?? [];
    },
    embeddingModelOf: (knowledgeBaseId) => fixture.modelOf.get(knowledgeBaseId) ?? useLite,
    ...extra,
  });
}

const query = (text: string, extra: Partial<RetrievalQuery> = {}): RetrievalQuery => ({ knowledgeBaseIds: ['kb-en'], query: text, topK: 3, mode: 'hybrid', ...extra });
const documents = (hits: RetrievalHit[]) => hits.map((hit) => hit.source.documentId);

describe('createKnowledgeRetriever', () => {
  it('finds a paraphrase by vector that shares no word with the document', async () => {
    const hits = await retriever().retrieve(query('how long until I get my money back', { mode: 'vector' }));
    expect(documents(hits)[0]).toBe('refund');
    expect(hits[0]).toMatchObject({ source: { knowledgeBaseId: 'kb-en', documentName: 'refund.md', segmentId: 'seg-refund' }, metadata: { source: 'refund' } });
    expect(hits[0]!.score).toBeGreaterThan(0);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
    expect(documents(await retriever().retrieve(query('how long until I get my money back', { mode: 'keyword' })))).not.toContain('refund');
  });

  it('finds an exact product code by keyword, and hybrid keeps it first', async () => {
    expect(documents(await retriever().retrieve(query('wx4471', { mode: 'keyword' })))).toEqual(['router']);
    expect(documents(await retriever().retrieve(query('wx4471', { mode: 'hybrid' })))[0]).toBe('router');
  });

  it('searches several knowledge bases embedded with different models, one embedding per model', async () => {
    embedCalls.length = 0;
    const hits = await retriever().retrieve(query('when is lunch served at the cafeteria', { knowledgeBaseIds: ['kb-en', 'kb-zh', 'kb-cafe'], mode: 'vector', topK: 10 }));
    expect(embedCalls.sort()).toEqual([useLite, trigram].sort());
    expect(new Set(hits.map((hit) => hit.source.knowledgeBaseId))).toEqual(new Set(['kb-en', 'kb-zh', 'kb-cafe']));
    const chinese = await retriever().retrieve(query('高铁怎么改签', { knowledgeBaseIds: ['kb-en', 'kb-zh'], mode: 'hybrid' }));
    expect(documents(chinese)[0]).toBe('train');
  });

  it('groups knowledge bases by identical query vectors when no model map is given', async () => {
    embedCalls.length = 0;
    const hits = await retriever({ embeddingModelOf: undefined }).retrieveDetailed(query('green tea', { knowledgeBaseIds: ['kb-en', 'kb-zh'], mode: 'vector', topK: 10 }));
    expect(embedCalls).toEqual([useLite, useLite]);
    // one search over both bases: their hits are ranked together, so the vector ranks are 1..n without gaps
    expect(hits.hits.map((hit) => hit.vectorRank)).toEqual(hits.hits.map((_, index) => index + 1));
  });

  it('applies document and tag filters in every mode', async () => {
    for (const mode of ['vector', 'keyword', 'hybrid'] as const) {
      const byTag = await retriever().retrieve(query('refunds router warehouse', { mode, topK: 10, filters: { tags: ['billing', 'logistics'] } }));
      expect(documents(byTag).sort()).toEqual(['refund', 'shipping']);
      const byDocument = await retriever().retrieve(query('refunds router warehouse', { mode, topK: 10, filters: { documentIds: ['router'] } }));
      expect(documents(byDocument)).toEqual(['router']);
    }
  });

  it('returns the parent of a matching child once, however many of its children match', async () => {
    const text = 'passwords characters expire ninety days';
    const children = await fixture.keywordIndex.search(text, { knowledgeBaseIds: ['kb-en'] }, 5);
    expect(children.map((hit) => hit.segment.segmentId)).toEqual(expect.arrayContaining(['seg-password-1', 'seg-password-2']));
    const detailed = await retriever().retrieveDetailed(query(text, { mode: 'hybrid', topK: 5 }));
    const passwordHits = detailed.hits.filter((hit) => hit.source.documentId === 'password');
    expect(passwordHits).toHaveLength(1);
    expect(passwordHits[0]!.content).toBe(passwordPolicy);
    expect(passwordPolicy).toContain(passwordHits[0]!.matchedContent);
  });

  it('honours topK and the score threshold, scores descending', async () => {
    const all = await retriever().retrieve(query('tea warehouse router refunds', { mode: 'vector', topK: 10 }));
    expect(all.length).toBeGreaterThan(3);
    for (let index = 1; index < all.length; index += 1) expect(all[index - 1]!.score).toBeGreaterThanOrEqual(all[index]!.score);
    expect(await retriever().retrieve(query('tea warehouse router refunds', { mode: 'vector', topK: 2 }))).toHaveLength(2);
    const threshold = all[1]!.score;
    const kept = await retriever().retrieve(query('tea warehouse router refunds', { mode: 'vector', topK: 10, scoreThreshold: threshold }));
    expect(kept.map((hit) => hit.source.segmentId)).toEqual(all.filter((hit) => hit.score >= threshold).map((hit) => hit.source.segmentId));
    expect(kept.length).toBeLessThan(all.length);
  });

  it('reports per-hit vector and keyword scores and timings for the retrieval test screen', async () => {
    const detailed = await retriever().retrieveDetailed(query('refunds for returned items', { topK: 4 }));
    const refund = detailed.hits.find((hit) => hit.source.documentId === 'refund');
    expect(refund).toMatchObject({ vectorRank: 1, keywordRank: 1, keywordScore: 1, score: 1 });
    expect(refund!.vectorScore).toBeGreaterThan(0.3);
    expect(detailed.elapsedMs).toBeGreaterThan(0);
    expect(detailed.timings.embedMs).toBeGreaterThan(0);
    expect(detailed.elapsedMs).toBeGreaterThanOrEqual(detailed.timings.vectorMs);
  });

  it('fuses by weighted scores when asked', async () => {
    const weighted = retriever({ fusion: { method: 'weighted', vectorWeight: 0.5 } });
    const detailed = await weighted.retrieveDetailed(query('refunds for returned items', { topK: 4 }));
    for (const hit of detailed.hits) expect(hit.score).toBeCloseTo(0.5 * (hit.vectorScore ?? 0) + 0.5 * (hit.keywordScore ?? 0), 10);
    expect(detailed.hits[0]!.source.documentId).toBe('refund');
  });

  it('lets a reranker reorder and rescore, then applies the threshold and topK to its answer', async () => {
    let seen: RetrievalHit[] = [];
    const reversed = retriever({
      rerank: async (_query, hits) => {
        seen = hits;
        return [...hits].reverse().map((hit, index) => ({ ...hit, score: 1 - index * 0.1 }));
      },
    });
    const hits = await reversed.retrieve(query('refunds', { mode: 'vector', topK: 2, scoreThreshold: 0.95 }));
    expect(seen.length).toBeGreaterThan(2);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.source.segmentId).toBe(seen.at(-1)!.source.segmentId);
    expect(hits[0]!.score).toBe(1);
  });

  it('stops when the signal aborts, before or while embedding', async () => {
    const aborted = AbortSignal.abort(new Error('run cancelled'));
    await expect(retriever().retrieve(query('refunds', { signal: aborted }))).rejects.toThrow('run cancelled');
    const controller = new AbortController();
    const slow = retriever({ embedQuery: () => new Promise<number[]>(() => undefined) });
    const pending = slow.retrieve(query('refunds', { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('timed out')), 20);
    await expect(pending).rejects.toThrow('timed out');
  });

  it('returns nothing for a blank query and refuses malformed ones with invalid_settings', async () => {
    expect(await retriever().retrieve(query('   '))).toEqual([]);
    for (const bad of [query('x', { knowledgeBaseIds: [] }), query('x', { topK: 0 }), query('x', { scoreThreshold: 2 }), { ...query('x'), mode: 'fuzzy' as 'vector' }]) {
      const error = await retriever().retrieve(bad).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(KnowledgeError);
      expect(error).toMatchObject({ code: 'invalid_settings' });
    }
  });

  it('turns a failing query embedding into a typed embedding_failed naming the knowledge base', async () => {
    const down = retriever({ embedQuery: (_id, text) => fixture.registry.embeddingModel('test:missing-model').doEmbed([text]).then((result) => result.embeddings[0] ?? []) });
    const error = await down.retrieve(query('refunds')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect(error).toMatchObject({ code: 'embedding_failed' });
    expect((error as Error).message).toMatch(/"kb-en".*keyword mode/);
  });

  it('passes the vector store’s dimension mismatch through as a typed error', async () => {
    const wrongModel = retriever({ embedQuery: async () => [1, 0, 0] });
    await expect(wrongModel.retrieve(query('refunds', { mode: 'vector' }))).rejects.toMatchObject({ code: 'dimension_mismatch' });
  });
});
