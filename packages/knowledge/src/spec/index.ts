/** The knowledge package's contracts: chunk settings, index stores, ingestion, errors. */
export * from './chunk';
export * from './index-store';
export * from './errors';
export * from './ingest';
