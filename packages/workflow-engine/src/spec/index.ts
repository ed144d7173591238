/** The engine's contract, browser-safe: graph schemas, node definitions, events, errors. */
export * from './workflow';
export * from './variables';
export * from './node';
export * from './retriever';
export * from './errors';
export * from './events';
export * from './run';
