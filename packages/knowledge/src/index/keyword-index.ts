import MiniSearch from 'minisearch';
import type { IndexFilter, IndexedSegment, KeywordIndex, ScoredSegment } from '../spec';
import { tokenize } from './tokenize';

export interface KeywordIndexOptions {
  /** Turns text into terms, the same for segments and queries (default: English + Chinese `tokenize`). */
  tokenize?: (text: string) => string[];
}

/** The keyword index plus what a process needs to rebuild it from stored segments. */
export interface InMemoryKeywordIndex extends KeywordIndex {
  /** Segments held, across knowledge bases. */
  size(): number;
  /** Whether a knowledge base has anything indexed (a rebuild from the database is needed when not). */
  has(knowledgeBaseId: string): boolean;
}

interface KnowledgeBaseShard {
  search: MiniSearch<{ id: string; content: string }>;
  segments: Map<string, IndexedSegment>;
  segmentIdsByDocument: Map<string, Set<string>>;
}

/**
 * BM25 keyword search in memory (MiniSearch), one shard per knowledge base so a query only scores the knowledge
 * bases it asks for. Nothing is persisted: rebuild it from the stored segments with `add` at start-up.
 */
export function createKeywordIndex(options: KeywordIndexOptions = {}): InMemoryKeywordIndex {
  const terms = options.tokenize ?? tokenize;
  const shards = new Map<string, KnowledgeBaseShard>();

  function shardFor(knowledgeBaseId: string): KnowledgeBaseShard {
    let shard = shards.get(knowledgeBaseId);
    if (shard === undefined) {
      shard = {
        search: new MiniSearch({ fields: ['content'], tokenize: terms, processTerm: (term) => term }),
        segments: new Map(),
        segmentIdsByDocument: new Map(),
      };
      shards.set(knowledgeBaseId, shard);
    }
    return shard;
  }

  function removeSegment(shard: KnowledgeBaseShard, segmentId: string): void {
    const existing = shard.segments.get(segmentId);
    if (existing === undefined) return;
    shard.search.discard(segmentId);
    shard.segments.delete(segmentId);
    const siblings = shard.segmentIdsByDocument.get(existing.documentId);
    siblings?.delete(segmentId);
    if (siblings?.size === 0) shard.segmentIdsByDocument.delete(existing.documentId);
  }

  function removeEverywhere(segmentId: string): void {
    for (const shard of shards.values()) removeSegment(shard, segmentId);
  }

  return {
    async add(segments) {
      const latest = new Map(segments.map((segment) => [segment.segmentId, segment]));
      const byKnowledgeBase = new Map<string, IndexedSegment[]>();
      for (const segment of latest.values()) {
        removeEverywhere(segment.segmentId);
        const list = byKnowledgeBase.get(segment.knowledgeBaseId) ?? [];
        list.push(segment);
        byKnowledgeBase.set(segment.knowledgeBaseId, list);
      }
      for (const [knowledgeBaseId, list] of byKnowledgeBase) {
        const shard = shardFor(knowledgeBaseId);
        shard.search.addAll(list.map((segment) => ({ id: segment.segmentId, content: segment.content })));
        for (const segment of list) {
          shard.segments.set(segment.segmentId, segment);
          const ids = shard.segmentIdsByDocument.get(segment.documentId) ?? new Set<string>();
          ids.add(segment.segmentId);
          shard.segmentIdsByDocument.set(segment.documentId, ids);
        }
      }
    },

    async deleteByDocument(knowledgeBaseId, documentId) {
      const shard = shards.get(knowledgeBaseId);
      const ids = shard?.segmentIdsByDocument.get(documentId);
      if (shard === undefined || ids === undefined) return;
      for (const segmentId of [...ids]) removeSegment(shard, segmentId);
    },

    async deleteByKnowledgeBase(knowledgeBaseId) {
      shards.delete(knowledgeBaseId);
    },

    async search(query, filter, topK) {
      if (topK <= 0) return [];
      const queryTerms = [...new Set(terms(query))];
      if (queryTerms.length === 0) return [];
      const accepts = segmentFilter(filter);
      const found: ScoredSegment[] = [];
      for (const knowledgeBaseId of new Set(filter.knowledgeBaseIds)) {
        const shard = shards.get(knowledgeBaseId);
        if (shard === undefined) continue;
        const results = shard.search.search(queryTerms.join(' '), {
          tokenize: (text) => text.split(' '),
          processTerm: (term) => term,
          combineWith: 'OR',
          filter: (result) => accepts(shard.segments.get(result.id as string)),
        });
        for (const result of results.slice(0, topK)) {
          const segment = shard.segments.get(result.id as string);
          if (segment !== undefined) found.push({ segment, score: result.score });
        }
      }
      found.sort((left, right) => right.score - left.score);
      const top = found.slice(0, topK);
      const best = top[0]?.score ?? 0;
      return top.map(({ segment, score }) => ({ segment, score: best > 0 ? score / best : 0 }));
    },

    size: () => [...shards.values()].reduce((total, shard) => total + shard.segments.size, 0),
    has: (knowledgeBaseId) => (shards.get(knowledgeBaseId)?.segments.size ?? 0) > 0,
  };
}

/** Document and tag filters; an absent or empty list does not filter. */
function segmentFilter(filter: IndexFilter): (segment: IndexedSegment | undefined) => boolean {
  const documentIds = filter.documentIds?.length ? new Set(filter.documentIds) : undefined;
  const tags = filter.tags?.length ? new Set(filter.tags) : undefined;
  return (segment) =>
    segment !== undefined &&
    (documentIds === undefined || documentIds.has(segment.documentId)) &&
    (tags === undefined || segment.tags.some((tag) => tags.has(tag)));
}
