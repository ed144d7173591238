import { describe, expect, it } from 'vitest';
import { EngineError } from '../spec/errors';
import type { RetrievalHit, Retriever } from '../spec/retriever';
import { knowledgeRetrievalNode } from './knowledge-retrieval';
import { configIssuePaths, createTestNodeContext, runNode } from './test-support/node-context';
import { createTermOverlapRetriever } from './test-support/term-overlap-retriever';

const documents = [
  {
    knowledgeBaseId: 'kb-support',
    documentId: 'refunds',
    documentName: 'Refund policy',
    tags: ['billing'],
    passages: ['Refunds are issued within 14 days of purchase.', 'Annual plans are refunded pro rata.'],
  },
  {
    knowledgeBaseId: 'kb-support',
    documentId: 'shipping',
    documentName: 'Shipping',
    tags: ['logistics'],
    passages: ['Orders ship within 2 days.', 'International shipping takes 10 days.'],
  },
  { knowledgeBaseId: 'kb-internal', documentId: 'salaries', documentName: 'Salaries', passages: ['Refunds of salary advances are rare.'] },
];

const data = { queryVariableSelector: ['sys', 'query'], knowledgeBaseIds: ['kb-support'] };

async function retrieve(query: unknown, overrides: Record<string, unknown> = {}, retriever: Retriever = createTermOverlapRetriever(documents)) {
  const context = createTestNodeContext({ retriever });
  return runNode(knowledgeRetrievalNode, { ...data, ...overrides }, { 'sys.query': query }, context);
}

describe('knowledge-retrieval node config', () => {
  it('applies defaults and declares its output, references and knowledge-base dependencies', () => {
    const config = knowledgeRetrievalNode.config.parse({ ...data, knowledgeBaseIds: ['kb-a', 'kb-b', 'kb-a'] });
    expect(config.retrievalMode).toBe('hybrid');
    expect(config.topK).toBe(4);
    expect(knowledgeRetrievalNode.outputs(config)).toEqual([{ name: 'result', type: 'array[object]' }]);
    expect(knowledgeRetrievalNode.references(config)).toEqual([['sys', 'query']]);
    expect(knowledgeRetrievalNode.dependencies?.(config)).toEqual([
      { scope: 'knowledge-base', id: 'kb-a' },
      { scope: 'knowledge-base', id: 'kb-b' },
    ]);
  });

  it('reports bad configs at their path', () => {
    expect(configIssuePaths(knowledgeRetrievalNode, { ...data, knowledgeBaseIds: [] })).toEqual([['knowledgeBaseIds']]);
    expect(configIssuePaths(knowledgeRetrievalNode, { ...data, topK: 51 })).toEqual([['topK']]);
    expect(configIssuePaths(knowledgeRetrievalNode, { ...data, topK: 0 })).toEqual([['topK']]);
    expect(configIssuePaths(knowledgeRetrievalNode, { ...data, scoreThreshold: 1.5 })).toEqual([['scoreThreshold']]);
    expect(configIssuePaths(knowledgeRetrievalNode, { ...data, retrievalMode: 'semantic' })).toEqual([['retrievalMode']]);
    expect(configIssuePaths(knowledgeRetrievalNode, { ...data, queryVariableSelector: 'query' })).toEqual([['queryVariableSelector']]);
    expect(configIssuePaths(knowledgeRetrievalNode, { ...data, filters: { tags: [''] } })).toEqual([['filters', 'tags', 0]]);
  });
});

describe('knowledge-retrieval node run', () => {
  it('returns ranked passages of the configured knowledge bases only', async () => {
    const retriever = createTermOverlapRetriever(documents);
    const result = await retrieve('how many days for refunds', {}, retriever);
    const passages = result.outputs.result as { content: string; score: number; title: string; source: { documentId: string } }[];
    expect(passages.map((passage) => passage.content)).toEqual([
      'Refunds are issued within 14 days of purchase.',
      'Orders ship within 2 days.',
      'International shipping takes 10 days.',
    ]);
    expect(passages[0]).toMatchObject({ score: 0.4, title: 'Refund policy', source: { documentId: 'refunds', segmentId: 'refunds#0' }, metadata: { position: 0 } });
    expect(retriever.queries[0]).toMatchObject({ knowledgeBaseIds: ['kb-support'], query: 'how many days for refunds', topK: 4, mode: 'hybrid' });
    expect(retriever.queries[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(result.metadata).toEqual({ hitCount: 3, mode: 'hybrid' });
    expect(knowledgeRetrievalNode.isEmptyResult?.(result)).toBe(false);
  });

  it('passes topK, threshold, mode and filters to the retriever', async () => {
    const filtered = await retrieve('refunds days', { filters: { tags: ['billing'] }, retrievalMode: 'keyword' });
    expect((filtered.outputs.result as { title: string }[]).map((passage) => passage.title)).toEqual(['Refund policy']);
    const top1 = await retrieve('shipping days', { topK: 1 });
    expect((top1.outputs.result as { content: string }[]).map((passage) => passage.content)).toEqual(['International shipping takes 10 days.']);
    const strict = await retrieve('refunds within annual days', { scoreThreshold: 0.6 });
    expect((strict.outputs.result as { content: string; score: number }[]).map((passage) => [passage.content, passage.score])).toEqual([
      ['Refunds are issued within 14 days of purchase.', 0.75],
    ]);
  });

  it('counts no hits as an empty result, for negative caching', async () => {
    const result = await retrieve('quantum chromodynamics');
    expect(result.outputs).toEqual({ result: [] });
    expect(knowledgeRetrievalNode.isEmptyResult?.(result)).toBe(true);
  });

  it('skips the retriever for an empty or missing query', async () => {
    const retriever = createTermOverlapRetriever(documents);
    expect((await retrieve('   ', {}, retriever)).outputs).toEqual({ result: [] });
    expect((await retrieve(undefined, {}, retriever)).outputs).toEqual({ result: [] });
    expect(retriever.queries).toEqual([]);
  });

  it('keeps an unruly retriever within topK and the threshold, best first', async () => {
    const hit = (score: number): RetrievalHit => ({
      content: `passage ${score}`,
      score,
      source: { knowledgeBaseId: 'kb-support', documentId: 'd', documentName: 'D', segmentId: `s${score}` },
    });
    const unruly: Retriever = { retrieve: async () => [hit(0.2), hit(0.9), hit(0.5), hit(0.7)] };
    const result = await retrieve('anything', { topK: 2, scoreThreshold: 0.3 }, unruly);
    expect((result.outputs.result as { score: number; metadata: unknown }[]).map((passage) => [passage.score, passage.metadata])).toEqual([
      [0.9, {}],
      [0.7, {}],
    ]);
  });

  it('fails with retriever_unavailable when no retriever is configured', async () => {
    const failure = await runNode(knowledgeRetrievalNode, data, { 'sys.query': 'refunds' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).code).toBe('retriever_unavailable');
    expect((failure as EngineError).message).toContain('execution context');
  });

  it('lets the retriever see the run being cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('run cancelled'));
    const context = createTestNodeContext({ retriever: createTermOverlapRetriever(documents), signal: controller.signal });
    await expect(runNode(knowledgeRetrievalNode, data, { 'sys.query': 'refunds' }, context)).rejects.toThrow('run cancelled');
  });
});
