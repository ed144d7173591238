import type { CacheDependency } from '../spec';
import { dependencyName, dependencyTag } from './cache-key';
import type { CacheStore } from './cache-store';

/**
 * The current generation of a dependency (e.g. a knowledge base). Generations only grow; they are part of
 * cache keys, so bumping one makes every entry computed against the old content unreachable.
 */
export interface GenerationSource {
  generation(scope: CacheDependency['scope'], id: string): number | Promise<number>;
}

export interface InvalidationReport {
  knowledgeBaseId: string;
  generation: number;
  /** Other processes that confirmed they applied the invalidation (Redis mode), of `receivers`. */
  acknowledged: number;
  receivers: number;
  /** L2 entries deleted by tag. */
  deleted: number;
}

/** Bumps generations and drops entries when content changes; answers generations for cache keys. */
export interface CacheCoordinator extends GenerationSource {
  /** When this resolves, no process sharing the coordinator's prefix serves an entry of the old content. */
  invalidate(target: { knowledgeBaseId: string }): Promise<InvalidationReport>;
  close(): Promise<void>;
}

/**
 * Embedded mode (no Redis): generations live in this process only, which is exactly the set of processes
 * that can hold entries when the store is in-process too.
 */
export function createLocalCoordinator(options: { l1: CacheStore; l2?: CacheStore }): CacheCoordinator {
  const generations = new Map<string, number>();
  return {
    generation: (scope, id) => generations.get(dependencyName({ scope, id })) ?? 0,
    async invalidate({ knowledgeBaseId }) {
      const dependency: CacheDependency = { scope: 'knowledge-base', id: knowledgeBaseId };
      const name = dependencyName(dependency);
      const generation = (generations.get(name) ?? 0) + 1;
      generations.set(name, generation);
      const tag = dependencyTag(dependency);
      const deleted = (await options.l1.deleteByTag(tag)) + (options.l2 ? await options.l2.deleteByTag(tag) : 0);
      return { knowledgeBaseId, generation, acknowledged: 0, receivers: 0, deleted };
    },
    close: async () => undefined,
  };
}

/**
 * Another process's lock on a key, so identical work in several processes runs once (see `createRedisLock`).
 */
export interface CacheLock {
  /** A token when the lock was taken, `undefined` when another holder has it. Rejects on store failure. */
  acquire(key: string, ttlMs: number): Promise<string | undefined>;
  /** Releases only if `token` still holds the lock (compare-and-delete). */
  release(key: string, token: string): Promise<boolean>;
  isHeld(key: string): Promise<boolean>;
}
