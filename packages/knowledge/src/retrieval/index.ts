/** Retrieval over the index stores: vector, keyword, hybrid. */
export { createKnowledgeRetriever } from './create-knowledge-retriever';
export type { DetailedRetrieval, DetailedRetrievalHit, KnowledgeRetriever, KnowledgeRetrieverOptions } from './create-knowledge-retriever';
export { fuseRankings, mergeByScore, defaultRrfK, defaultVectorWeight } from './fuse-rankings';
export type { Fusion, FusedCandidate } from './fuse-rankings';
export { checkRetrievalQuery, retrievalQuerySchema, maxTopK } from './retrieval-query';
export type { VectorGroup } from './embed-by-model';
