import { describe, expect, it } from 'vitest';
import type { IndexedSegment } from '../spec';
import { createKeywordIndex } from './keyword-index';

function segment(segmentId: string, content: string, extra: Partial<IndexedSegment> = {}): IndexedSegment {
  return { segmentId, knowledgeBaseId: 'kb-a', documentId: `doc-${segmentId}`, documentName: `${segmentId}.md`, content, tags: [], ...extra };
}

const english = [
  segment('refund', 'Refunds are issued within 14 days of a return request.', { tags: ['billing'] }),
  segment('router', 'To reset the WX-4471 router, hold the button for ten seconds.', { tags: ['hardware'] }),
  segment('invoice', 'Invoices are emailed on the first day of every month.', { tags: ['billing'] }),
  segment('shipping', 'Orders ship from our warehouse in two business days.', { tags: ['logistics'] }),
];
const chinese = [
  segment('zh-tea', '绿茶需要用八十度左右的水冲泡，时间不宜过长。', { documentId: 'tea' }),
  segment('zh-train', '高铁票可以在开车前三十分钟内免费改签一次。', { documentId: 'train' }),
  segment('zh-ml', '机器学习模型需要大量标注数据进行训练。', { documentId: 'ml' }),
];

describe('createKeywordIndex', () => {
  it('finds English text by its words, best first, scores normalised to 0..1', async () => {
    const index = createKeywordIndex();
    await index.add(english);
    const hits = await index.search('how long until my refund request is issued', { knowledgeBaseIds: ['kb-a'] }, 3);
    expect(hits[0]?.segment.segmentId).toBe('refund');
    expect(hits[0]?.score).toBe(1);
    for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.score).toBeLessThanOrEqual(1);
  });

  it('ranks the one segment holding an exact product code first', async () => {
    const index = createKeywordIndex();
    await index.add(english);
    const hits = await index.search('wx4471', { knowledgeBaseIds: ['kb-a'] }, 5);
    expect(hits.map((hit) => hit.segment.segmentId)).toEqual(['router']);
  });

  it('finds a Chinese document from a Chinese query by its words', async () => {
    const index = createKeywordIndex();
    await index.add([...english, ...chinese]);
    const train = await index.search('高铁怎么改签', { knowledgeBaseIds: ['kb-a'] }, 3);
    expect(train[0]?.segment.segmentId).toBe('zh-train');
    const tea = await index.search('绿茶的冲泡水温', { knowledgeBaseIds: ['kb-a'] }, 3);
    expect(tea[0]?.segment.segmentId).toBe('zh-tea');
    const ml = await index.search('训练机器学习', { knowledgeBaseIds: ['kb-a'] }, 3);
    expect(ml.map((hit) => hit.segment.segmentId)).toEqual(['zh-ml']);
  });

  it('meets singular and plural English forms both ways (light stemming)', async () => {
    const index = createKeywordIndex();
    await index.add([...english, segment('stories', 'Customer stories about a single battery.')]);
    expect((await index.search('invoice', { knowledgeBaseIds: ['kb-a'] }, 1))[0]?.segment.segmentId).toBe('invoice');
    expect((await index.search('story batteries', { knowledgeBaseIds: ['kb-a'] }, 1))[0]?.segment.segmentId).toBe('stories');
    expect((await index.search('ORDER', { knowledgeBaseIds: ['kb-a'] }, 1))[0]?.segment.segmentId).toBe('shipping');
  });

  it('filters by knowledge base, document and tags (any tag matches)', async () => {
    const index = createKeywordIndex();
    await index.add([...english, segment('other-kb', 'Refunds in the other base', { knowledgeBaseId: 'kb-b', tags: ['billing'] })]);
    const inA = await index.search('refunds invoices', { knowledgeBaseIds: ['kb-a'] }, 10);
    expect(inA.map((hit) => hit.segment.segmentId).sort()).toEqual(['invoice', 'refund']);
    const both = await index.search('refunds', { knowledgeBaseIds: ['kb-a', 'kb-b'] }, 10);
    expect(both.map((hit) => hit.segment.segmentId).sort()).toEqual(['other-kb', 'refund']);
    const byDocument = await index.search('refunds invoices', { knowledgeBaseIds: ['kb-a'], documentIds: ['doc-invoice'] }, 10);
    expect(byDocument.map((hit) => hit.segment.segmentId)).toEqual(['invoice']);
    const byTag = await index.search('days', { knowledgeBaseIds: ['kb-a'], tags: ['logistics', 'nothing'] }, 10);
    expect(byTag.map((hit) => hit.segment.segmentId)).toEqual(['shipping']);
    expect(await index.search('refunds', { knowledgeBaseIds: ['kb-missing'] }, 10)).toEqual([]);
  });

  it('honours topK and returns nothing for empty queries', async () => {
    const index = createKeywordIndex();
    await index.add(english);
    expect(await index.search('days', { knowledgeBaseIds: ['kb-a'] }, 1)).toHaveLength(1);
    expect(await index.search('the of', { knowledgeBaseIds: ['kb-a'] }, 5)).toEqual([]);
    expect(await index.search('refund', { knowledgeBaseIds: ['kb-a'] }, 0)).toEqual([]);
  });

  it('deletes by document and by knowledge base, and replaces a re-added segment', async () => {
    const index = createKeywordIndex();
    await index.add([...english, segment('b1', 'Refunds for base b', { knowledgeBaseId: 'kb-b' })]);
    await index.deleteByDocument('kb-a', 'doc-refund');
    expect(await index.search('refunds', { knowledgeBaseIds: ['kb-a'] }, 5)).toEqual([]);
    expect(index.size()).toBe(4);

    await index.add([segment('router', 'Now the router page talks about refunds.')]);
    const replaced = await index.search('refunds', { knowledgeBaseIds: ['kb-a'] }, 5);
    expect(replaced.map((hit) => hit.segment.content)).toEqual(['Now the router page talks about refunds.']);
    expect(await index.search('wx-4471', { knowledgeBaseIds: ['kb-a'] }, 5)).toEqual([]);

    await index.deleteByKnowledgeBase('kb-b');
    expect(index.has('kb-b')).toBe(false);
    expect(await index.search('refunds', { knowledgeBaseIds: ['kb-b'] }, 5)).toEqual([]);
    expect(index.has('kb-a')).toBe(true);
  });

  it('moves a segment re-added under another knowledge base', async () => {
    const index = createKeywordIndex();
    await index.add([segment('moving', 'portable refunds text')]);
    await index.add([segment('moving', 'portable refunds text', { knowledgeBaseId: 'kb-b' })]);
    expect(await index.search('portable', { knowledgeBaseIds: ['kb-a'] }, 5)).toEqual([]);
    expect((await index.search('portable', { knowledgeBaseIds: ['kb-b'] }, 5)).map((hit) => hit.segment.knowledgeBaseId)).toEqual(['kb-b']);
    expect(index.size()).toBe(1);
  });
});
