import type { IndexedSegment, ScoredSegment } from '../spec';

/**
 * How hybrid search merges the vector and keyword rankings.
 * `rrf`: reciprocal-rank fusion, Σ 1/(k + rank) over the lists a segment is in; it needs no score calibration,
 * which matters because cosine similarities of different models and relative BM25 scores are not comparable.
 * `weighted`: vectorWeight × cosine + (1 − vectorWeight) × keyword score (a segment missing from a list scores 0 there).
 */
export type Fusion = { method: 'rrf'; k?: number } | { method: 'weighted'; vectorWeight?: number };

export const defaultRrfK = 60;
export const defaultVectorWeight = 0.7;

/** A segment with where it ranked in each list (1-based) and its score there. */
export interface FusedCandidate {
  segment: IndexedSegment;
  /** 0..1: the fused score (hybrid), or the single list's score. */
  score: number;
  vectorScore?: number;
  vectorRank?: number;
  keywordScore?: number;
  keywordRank?: number;
}

function byScore(left: FusedCandidate, right: FusedCandidate): number {
  return right.score - left.score || (left.vectorRank ?? Infinity) - (right.vectorRank ?? Infinity) || (left.keywordRank ?? Infinity) - (right.keywordRank ?? Infinity);
}

/** Joins both rankings by segment id, best first. Either list may be empty (vector-only or keyword-only modes). */
export function fuseRankings(vector: ScoredSegment[], keyword: ScoredSegment[], fusion: Fusion): FusedCandidate[] {
  const candidates = new Map<string, FusedCandidate>();
  const entry = (segment: IndexedSegment) => {
    let candidate = candidates.get(segment.segmentId);
    if (candidate === undefined) {
      candidate = { segment, score: 0 };
      candidates.set(segment.segmentId, candidate);
    }
    return candidate;
  };
  vector.forEach(({ segment, score }, index) => Object.assign(entry(segment), { vectorScore: score, vectorRank: index + 1 }));
  keyword.forEach(({ segment, score }, index) => Object.assign(entry(segment), { keywordScore: score, keywordRank: index + 1 }));

  const lists = (vector.length > 0 ? 1 : 0) + (keyword.length > 0 ? 1 : 0);
  for (const candidate of candidates.values()) candidate.score = fusedScore(candidate, fusion, lists);
  return [...candidates.values()].sort(byScore);
}

function fusedScore(candidate: FusedCandidate, fusion: Fusion, lists: number): number {
  if (lists < 2) return candidate.vectorScore ?? candidate.keywordScore ?? 0;
  if (fusion.method === 'weighted') {
    const weight = fusion.vectorWeight ?? defaultVectorWeight;
    return weight * (candidate.vectorScore ?? 0) + (1 - weight) * (candidate.keywordScore ?? 0);
  }
  const k = fusion.k ?? defaultRrfK;
  const reciprocal = (rank: number | undefined) => (rank === undefined ? 0 : 1 / (k + rank));
  // Normalised so that first in both lists is 1.
  return ((reciprocal(candidate.vectorRank) + reciprocal(candidate.keywordRank)) * (k + 1)) / 2;
}

/**
 * Merges vector results searched separately per embedding model by cosine similarity. Different models' similarities
 * are not strictly comparable, but every built-in model reports cosine in 0..1, and most queries touch one model.
 */
export function mergeByScore(lists: ScoredSegment[][], limit: number): ScoredSegment[] {
  return lists.flat().sort((left, right) => right.score - left.score).slice(0, limit);
}
