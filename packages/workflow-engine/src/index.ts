/** weft's workflow engine: the graph contract, compile/execute, the built-in node types. */
export * from './spec';
export * from './runtime';
export * from './nodes';
