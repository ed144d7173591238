/** Retrieval over the index stores: vector, keyword, hybrid. */
export {};
