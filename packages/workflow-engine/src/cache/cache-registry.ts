import type { NodeDefinition, NodeRegistry } from '../spec';
import { resolveCachePolicy, type CachePolicy, type CachePolicyInput } from './cache-policy';
import { createCacheErrorReporter, createCacheStats } from './cache-stats';
import type { CacheStore } from './cache-store';
import { withCache, type CacheServices } from './with-cache';

/**
 * A registry whose cacheable types (`policy.cacheableTypes`) are wrapped with `withCache`; other types are
 * returned unchanged. All wrapped types share `services` (one stats object, one error reporter).
 */
export function cacheRegistry(
  registry: NodeRegistry,
  store: CacheStore,
  policyInput: CachePolicy | CachePolicyInput = {},
  services: CacheServices = {},
): NodeRegistry {
  const policy = resolveCachePolicy(policyInput);
  const shared: CacheServices = {
    ...services,
    stats: services.stats ?? createCacheStats(),
    reportError: services.reportError ?? createCacheErrorReporter(),
  };
  const cacheable = new Set(policy.cacheableTypes);
  const wrapped = new Map<string, NodeDefinition>();
  return {
    get(type) {
      const definition = registry.get(type);
      if (!definition || !cacheable.has(type)) return definition;
      let cached = wrapped.get(type);
      if (!cached || cached.version !== definition.version) {
        cached = withCache(definition, store, policy, shared);
        wrapped.set(type, cached);
      }
      return cached;
    },
    types: () => registry.types(),
  };
}
