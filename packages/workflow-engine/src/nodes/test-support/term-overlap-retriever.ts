import type { RetrievalHit, RetrievalQuery, Retriever } from '../../spec/retriever';

export interface TestDocument {
  knowledgeBaseId: string;
  documentId: string;
  documentName: string;
  tags?: string[];
  /** One passage per entry. */
  passages: string[];
}

const terms = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);

/**
 * A small real retriever for tests: scores each passage by the share of query terms it contains,
 * applies knowledge-base, document and tag filters, the threshold and topK. Records every query it gets.
 */
export function createTermOverlapRetriever(documents: TestDocument[]): Retriever & { queries: RetrievalQuery[] } {
  const queries: RetrievalQuery[] = [];
  return {
    queries,
    async retrieve(query) {
      queries.push(query);
      query.signal?.throwIfAborted();
      const queryTerms = terms(query.query);
      const hits: RetrievalHit[] = [];
      for (const document of documents) {
        if (!query.knowledgeBaseIds.includes(document.knowledgeBaseId)) continue;
        if (query.filters?.documentIds && !query.filters.documentIds.includes(document.documentId)) continue;
        if (query.filters?.tags && !query.filters.tags.some((tag) => document.tags?.includes(tag))) continue;
        document.passages.forEach((content, index) => {
          const passageTerms = terms(content);
          const shared = [...queryTerms].filter((term) => passageTerms.has(term)).length;
          const score = queryTerms.size === 0 ? 0 : shared / queryTerms.size;
          if (shared === 0 || score < (query.scoreThreshold ?? 0)) return;
          hits.push({
            content,
            score,
            source: { knowledgeBaseId: document.knowledgeBaseId, documentId: document.documentId, documentName: document.documentName, segmentId: `${document.documentId}#${index}` },
            metadata: { position: index },
          });
        });
      }
      return hits.sort((left, right) => right.score - left.score).slice(0, query.topK);
    },
  };
}
