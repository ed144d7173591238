import type { CacheStore } from './cache-store';

/**
 * L1 (in-process) in front of L2 (shared). Reads try L1 then L2; an L2 hit is copied into L1 for the
 * time it has left, never longer, so promotion can't outlive the shared entry. Writes and deletes go to both.
 */
export function createTwoLevelStore(l1: CacheStore, l2: CacheStore): CacheStore {
  return {
    peek: l1.peek ? (key) => l1.peek?.(key) : undefined,
    async get(key) {
      const near = await l1.get(key);
      if (near) return near;
      const far = await l2.get(key);
      if (far) await l1.set(key, far.entry, { ttlMs: far.ttlMs, tags: far.tags });
      return far;
    },
    async set(key, entry, options) {
      await Promise.all([l1.set(key, entry, options), l2.set(key, entry, options)]);
    },
    async delete(key) {
      await Promise.all([l1.delete(key), l2.delete(key)]);
    },
    async deleteByTag(tag) {
      const [near, far] = await Promise.all([l1.deleteByTag(tag), l2.deleteByTag(tag)]);
      return near + far;
    },
    async close() {
      await Promise.all([l1.close(), l2.close()]);
    },
  };
}
