import type { Logger, RetrievalHit, RetrievalQuery, Retriever } from '@weft/workflow-engine/spec';
import type { KeywordIndex, ScoredSegment, VectorStore } from '../spec';
import { abortable } from './abortable';
import { embedByModel, searchGroups, type EmbedByModelOptions } from './embed-by-model';
import { fuseRankings, mergeByScore, type FusedCandidate, type Fusion } from './fuse-rankings';
import { checkRetrievalQuery } from './retrieval-query';

export interface KnowledgeRetrieverOptions extends EmbedByModelOptions {
  vectorStore: VectorStore;
  keywordIndex: KeywordIndex;
  /** Reorders (and may rescore, 0..1) the fused candidates; the threshold and topK apply to its answer. */
  rerank?: (query: string, hits: RetrievalHit[], signal?: AbortSignal) => Promise<RetrievalHit[]>;
  /** Hybrid fusion (default reciprocal-rank fusion, k = 60). */
  fusion?: Fusion;
  /** Candidates taken from each list before fusion: max(topK × factor, minimum) (default ×4, at least 20). */
  candidates?: { factor?: number; minimum?: number };
  logger?: Logger;
}

/** A hit with how it was found, for the knowledge base's "retrieval test" screen. */
export interface DetailedRetrievalHit extends RetrievalHit {
  /** The chunk that matched (a child, when `content` is its parent). */
  matchedContent: string;
  vectorScore?: number;
  vectorRank?: number;
  keywordScore?: number;
  keywordRank?: number;
}

export interface DetailedRetrieval {
  hits: DetailedRetrievalHit[];
  elapsedMs: number;
  /** Each stage's wall time; embedding and vector search overlap the keyword search. */
  timings: { embedMs: number; vectorMs: number; keywordMs: number; rerankMs: number };
}

export interface KnowledgeRetriever extends Retriever {
  retrieveDetailed(query: RetrievalQuery): Promise<DetailedRetrieval>;
}

/**
 * The engine's Retriever over a vector store and a keyword index: vector, keyword or hybrid search across knowledge
 * bases (grouped by embedding model), metadata filters, parent-child expansion, an optional rerank, abortable.
 */
export function createKnowledgeRetriever(options: KnowledgeRetrieverOptions): KnowledgeRetriever {
  const fusion = options.fusion ?? { method: 'rrf' };
  const factor = options.candidates?.factor ?? 4;
  const minimum = options.candidates?.minimum ?? 20;

  async function retrieveDetailed(raw: RetrievalQuery): Promise<DetailedRetrieval> {
    const started = performance.now();
    const query = checkRetrievalQuery(raw);
    const { signal } = query;
    signal?.throwIfAborted();
    const timings = { embedMs: 0, vectorMs: 0, keywordMs: 0, rerankMs: 0 };
    const text = query.query.trim();
    if (text === '') return { hits: [], elapsedMs: performance.now() - started, timings };

    const knowledgeBaseIds = [...new Set(query.knowledgeBaseIds)];
    const filter = { documentIds: query.filters?.documentIds, tags: query.filters?.tags };
    const limit = Math.max(query.topK * factor, minimum);
    const since = (from: number) => performance.now() - from;

    const vectorSearch = async (): Promise<ScoredSegment[]> => {
      if (query.mode === 'keyword') return [];
      let from = performance.now();
      const groups = await embedByModel(options, knowledgeBaseIds, text, signal);
      timings.embedMs = since(from);
      signal?.throwIfAborted();
      from = performance.now();
      const lists = await searchGroups(options.vectorStore, groups, filter, limit);
      timings.vectorMs = since(from);
      return mergeByScore(lists, limit);
    };
    const keywordSearch = async (): Promise<ScoredSegment[]> => {
      if (query.mode === 'vector') return [];
      const from = performance.now();
      const found = await options.keywordIndex.search(text, { ...filter, knowledgeBaseIds }, limit);
      timings.keywordMs = since(from);
      return found;
    };
    const [vector, keyword] = await abortable(Promise.all([vectorSearch(), keywordSearch()]), signal);

    let hits = collapseParents(fuseRankings(vector, keyword, fusion)).map(toDetailedHit);
    if (options.rerank !== undefined && hits.length > 0) {
      const from = performance.now();
      const reranked = await abortable(options.rerank(text, hits.slice(0, limit), signal), signal);
      timings.rerankMs = since(from);
      hits = withDetails(reranked, hits);
    }
    const threshold = query.scoreThreshold ?? 0;
    hits = hits.filter((hit) => hit.score >= threshold).slice(0, query.topK);
    const elapsedMs = since(started);
    options.logger?.debug('knowledge retrieved', { mode: query.mode, knowledgeBases: knowledgeBaseIds.length, hits: hits.length, ms: Math.round(elapsedMs), ...timings });
    return { hits, elapsedMs, timings };
  }

  return {
    retrieveDetailed,
    async retrieve(query) {
      const { hits } = await retrieveDetailed(query);
      return hits.map(({ content, score, source, metadata }) => (metadata === undefined ? { content, score, source } : { content, score, source, metadata }));
    },
  };
}

/** In parent-child mode several children of one parent can match: the parent is returned once, at its best child's place. */
function collapseParents(candidates: FusedCandidate[]): FusedCandidate[] {
  const seen = new Set<string>();
  return candidates.filter(({ segment }) => {
    if (segment.parentContent === undefined) return true;
    const key = `${segment.knowledgeBaseId}\u0000${segment.documentId}\u0000${segment.parentContent}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toDetailedHit(candidate: FusedCandidate): DetailedRetrievalHit {
  const { segment } = candidate;
  const hit: DetailedRetrievalHit = {
    content: segment.parentContent ?? segment.content,
    matchedContent: segment.content,
    score: candidate.score,
    source: { knowledgeBaseId: segment.knowledgeBaseId, documentId: segment.documentId, documentName: segment.documentName, segmentId: segment.segmentId },
  };
  if (segment.metadata !== undefined) hit.metadata = segment.metadata;
  for (const key of ['vectorScore', 'vectorRank', 'keywordScore', 'keywordRank'] as const) {
    if (candidate[key] !== undefined) hit[key] = candidate[key];
  }
  return hit;
}

/** Keeps the reranker's order and scores, re-attaching what the fused candidates knew about each hit. */
function withDetails(reranked: RetrievalHit[], candidates: DetailedRetrievalHit[]): DetailedRetrievalHit[] {
  const bySegment = new Map(candidates.map((hit) => [hit.source.segmentId, hit]));
  return reranked
    .map((hit) => ({ ...(bySegment.get(hit.source.segmentId) ?? { matchedContent: hit.content }), ...hit }))
    .sort((left, right) => right.score - left.score);
}
