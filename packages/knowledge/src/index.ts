/** @weft/knowledge: parse, chunk, embed and index documents; retrieve by vector, keyword or both. */
export * from './spec';
export * from './ingest/index';
export * from './index/index';
export * from './retrieval/index';
