/** Index stores: pgvector (PGlite or PostgreSQL), Qdrant, and the keyword index. */
export { createPgvectorStore } from './pgvector-store';
export { createEmbeddedVectorStore } from './embedded-vector-store';
export { createQdrantStore } from './qdrant-store';
export { createKeywordIndex } from './keyword-index';
export { pgvectorWaysOut } from './pgvector-errors';
