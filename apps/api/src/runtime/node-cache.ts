import type { Redis } from 'ioredis';
import {
  cacheRegistry,
  createCacheErrorReporter,
  createCacheStats,
  createLocalCoordinator,
  createMemoryStore,
  createTwoLevelStore,
  type CacheCoordinator,
  type CacheLock,
  type CacheStats,
  type CacheStore,
} from '@weft/workflow-engine/cache';
import { createCacheCoordinator, createRedisLock, createRedisStore } from '@weft/workflow-engine/cache/redis';
import { builtinNodes } from '@weft/workflow-engine/nodes';
import { createNodeRegistry, type Logger, type NodeRegistry } from '@weft/workflow-engine/spec';

/** The engine's node cache as this process wires it: one store, one coordinator, a registry per namespace. */
export interface NodeCache {
  /** Built-in nodes with the cacheable types wrapped; entries of different namespaces never meet. */
  registryFor(namespace: string): NodeRegistry;
  /** Drops the memoised registries of a workspace's namespaces (`<workspaceId>:…`) after its credentials change. */
  forgetWorkspace(workspaceId: string): void;
  /** Makes every entry computed from the knowledge base's old content unreachable, in every process. */
  invalidateKnowledgeBase(knowledgeBaseId: string): Promise<void>;
  readonly stats: CacheStats;
  close(): Promise<void>;
}

export interface NodeCacheOptions {
  /** With Redis: memory L1 + Redis L2, a cross-process lock and pub/sub invalidation. Without: memory only. */
  redis?: Redis;
  /** A second connection for subscribing (required with `redis`); the caller owns it. */
  subscriber?: Redis;
  /** Key prefix, e.g. `weft:`; the cache uses `<prefix>cache:`. */
  redisPrefix: string;
  logger: Logger;
  /** L1 budget. Default 64 MiB. */
  maxBytes?: number;
  /** Upper bound of one cache operation before the node runs uncached. Default 50 ms (the engine's policy). */
  opTimeoutMs?: number;
}

export function createNodeCache(options: NodeCacheOptions): NodeCache {
  const { redis, subscriber, logger } = options;
  const prefix = `${options.redisPrefix}cache:`;
  const l1 = createMemoryStore({ maxBytes: options.maxBytes ?? 64 * 2 ** 20 });
  let store: CacheStore = l1;
  let coordinator: CacheCoordinator;
  let lock: CacheLock | undefined;
  if (redis && subscriber) {
    const l2 = createRedisStore({ redis, prefix, ...(options.opTimeoutMs === undefined ? {} : { opTimeoutMs: options.opTimeoutMs }) });
    store = createTwoLevelStore(l1, l2);
    coordinator = createCacheCoordinator({ redis, subscriber, prefix, l1, l2, logger });
    lock = createRedisLock({ redis, prefix });
  } else {
    coordinator = createLocalCoordinator({ l1 });
  }
  const stats = createCacheStats();
  const reportError = createCacheErrorReporter();
  const base = createNodeRegistry(builtinNodes);
  const registries = new Map<string, NodeRegistry>();

  return {
    stats,
    registryFor(namespace) {
      let registry = registries.get(namespace);
      if (!registry) {
        const policy = { namespace, ...(options.opTimeoutMs === undefined ? {} : { opTimeoutMs: options.opTimeoutMs }) };
        registry = cacheRegistry(base, store, policy, { generations: coordinator, lock, stats, reportError });
        registries.set(namespace, registry);
      }
      return registry;
    },
    forgetWorkspace(workspaceId) {
      for (const namespace of registries.keys()) if (namespace.startsWith(`${workspaceId}:`)) registries.delete(namespace);
    },
    async invalidateKnowledgeBase(knowledgeBaseId) {
      await coordinator.invalidate({ knowledgeBaseId });
    },
    async close() {
      registries.clear();
      await coordinator.close();
      await store.close();
    },
  };
}
