/**
 * The cache's Redis parts: the shared store, the cross-process lock, the invalidation coordinator.
 *
 * A process wires them once, e.g.:
 *   const redis = createCacheRedisClient(url);
 *   const subscriber = createCacheRedisClient(url);
 *   const l1 = createMemoryStore({ maxBytes: 64 * 2 ** 20 });
 *   const l2 = createRedisStore({ redis, prefix: 'weft:cache:' });
 *   const coordinator = createCacheCoordinator({ redis, subscriber, prefix: 'weft:cache:', l1, l2 });
 *   const registry = cacheRegistry(createNodeRegistry(builtinNodes), createTwoLevelStore(l1, l2), policy,
 *     { generations: coordinator, lock: createRedisLock({ redis, prefix: 'weft:cache:' }), stats });
 * and calls `coordinator.invalidate({ knowledgeBaseId })` after a knowledge base changes.
 * Without Redis, pass `createLocalCoordinator({ l1 })` and the memory store alone.
 */
export { createCacheRedisClient, redisReady, type CacheRedisClientOptions } from './create-cache-redis-client';
export { createRedisStore, type RedisStoreOptions } from './redis-store';
export { createRedisLock, type RedisLockOptions } from './redis-lock';
export { createCacheCoordinator, type CacheCoordinatorOptions, type RedisCacheCoordinator } from './redis-coordinator';
