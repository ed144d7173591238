import { describe, expect, it } from 'vitest';
import type { ScoredSegment } from '../spec';
import { fuseRankings, mergeByScore } from './fuse-rankings';

const scored = (segmentId: string, score: number): ScoredSegment => ({
  segment: { segmentId, knowledgeBaseId: 'kb', documentId: segmentId, documentName: segmentId, content: segmentId, tags: [] },
  score,
});
const ids = (list: { segment: { segmentId: string } }[]) => list.map((item) => item.segment.segmentId);

describe('fuseRankings', () => {
  const vector = [scored('a', 0.9), scored('b', 0.8), scored('c', 0.7)];
  const keyword = [scored('c', 1), scored('d', 0.6), scored('a', 0.2)];

  it('ranks by reciprocal rank, first in both lists scoring 1, agreement beating one list', () => {
    const fused = fuseRankings(vector, keyword, { method: 'rrf', k: 60 });
    expect(ids(fused)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0]).toMatchObject({ vectorRank: 1, keywordRank: 3, vectorScore: 0.9, keywordScore: 0.2 });
    expect(fused[0]!.score).toBeCloseTo(((1 / 61 + 1 / 63) * 61) / 2, 12);
    expect(fuseRankings([scored('x', 0.5)], [scored('x', 0.1)], { method: 'rrf' })[0]!.score).toBe(1);
  });

  it('breaks ties by the vector rank, then the keyword rank', () => {
    const fused = fuseRankings([scored('v', 0.5)], [scored('k', 1)], { method: 'rrf' });
    expect(ids(fused)).toEqual(['v', 'k']);
    expect(fused[0]!.score).toBe(fused[1]!.score);
  });

  it('weights scores when asked, a list a segment is missing from counting 0', () => {
    const fused = fuseRankings(vector, keyword, { method: 'weighted', vectorWeight: 0.7 });
    expect(ids(fused)).toEqual(['c', 'a', 'b', 'd']);
    expect(fused.find((item) => item.segment.segmentId === 'd')!.score).toBeCloseTo(0.3 * 0.6, 12);
  });

  it('keeps a single list’s own scores and order', () => {
    expect(fuseRankings(vector, [], { method: 'rrf' }).map((item) => item.score)).toEqual([0.9, 0.8, 0.7]);
    expect(ids(fuseRankings([], keyword, { method: 'weighted' }))).toEqual(['c', 'd', 'a']);
  });
});

describe('mergeByScore', () => {
  it('merges per-model result lists by similarity and cuts to the limit', () => {
    expect(ids(mergeByScore([[scored('a', 0.9), scored('b', 0.3)], [scored('c', 0.5)]], 2))).toEqual(['a', 'c']);
  });
});
