/** The cache decorator: `withCache`, key derivation, the store interface and its in-process stores. */
export { withCache, type CacheServices } from './with-cache';
export { cacheRegistry } from './cache-registry';
export { cacheKey, dependencyName, dependencyTag, type CacheKeyOptions, type CacheKeyParts } from './cache-key';
export { canonicalJson } from './canonical-json';
export { normalise, normaliseText, type NormaliseOptions, type SynonymMap } from './normalise';
export {
  cachePolicySchema,
  defaultCachePolicy,
  defaultCacheableTypes,
  defaultNormaliseByType,
  defaultTtlSecondsByType,
  resolveCachePolicy,
  ttlSecondsFor,
  type CachePolicy,
  type CachePolicyInput,
} from './cache-policy';
export { cacheEntrySchema, type CacheEntry, type CacheHit, type CacheLevel, type CacheSetOptions, type CacheStore } from './cache-store';
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './memory-store';
export { createTwoLevelStore } from './two-level-store';
export {
  createLocalCoordinator,
  type CacheCoordinator,
  type CacheLock,
  type GenerationSource,
  type InvalidationReport,
} from './cache-coordinator';
export { createCacheStats, createCacheErrorReporter, type CacheErrorReporter, type CacheStats } from './cache-stats';
export { CacheError, cacheErrorCodes, type CacheErrorCode } from './cache-error';
export { createSingleflight, type FlightHandle, type FlightParticipant, type Singleflight } from './singleflight';
