import type { CacheEntry, CacheHit, CacheLevel, CacheSetOptions, CacheStore } from './cache-store';
import { deepFreeze } from './deep-freeze';

export interface MemoryStoreOptions {
  /** Budget for all entries; size is estimated as the JSON length of key + entry + tags. */
  maxBytes: number;
  /** Reported on hits. Default `l1`. */
  level?: CacheLevel;
  now?: () => number;
}

/** A memory store also reports its fill, and its changes take effect before its promises settle. */
export interface MemoryStore extends CacheStore {
  readonly entryCount: number;
  readonly byteCount: number;
}

interface Slot {
  entry: CacheEntry;
  expiresAt: number;
  bytes: number;
  tags: string[];
}

/**
 * In-process LRU with a byte budget and TTLs. Entries are copied on `set` and frozen, so a hit shared by
 * many runs can't be mutated through one of them. An entry larger than the whole budget is not stored.
 */
export function createMemoryStore(options: MemoryStoreOptions): MemoryStore {
  const { maxBytes } = options;
  const level = options.level ?? 'l1';
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  const slots = new Map<string, Slot>();
  const keysByTag = new Map<string, Set<string>>();
  let byteCount = 0;

  function remove(key: string): boolean {
    const slot = slots.get(key);
    if (!slot) return false;
    slots.delete(key);
    byteCount -= slot.bytes;
    for (const tag of slot.tags) {
      const keys = keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) keysByTag.delete(tag);
    }
    return true;
  }

  function get(key: string): CacheHit | undefined {
    const slot = slots.get(key);
    if (!slot) return undefined;
    const ttlMs = slot.expiresAt - now();
    if (ttlMs <= 0) {
      remove(key);
      return undefined;
    }
    slots.delete(key);
    slots.set(key, slot);
    return { entry: slot.entry, ttlMs, tags: slot.tags, level };
  }

  function set(key: string, entry: CacheEntry, { ttlMs, tags }: CacheSetOptions): void {
    remove(key);
    if (ttlMs <= 0) return;
    const json = JSON.stringify(entry);
    const bytes = key.length + json.length + tags.reduce((sum, tag) => sum + tag.length, 0);
    if (bytes > maxBytes) return;
    slots.set(key, { entry: deepFreeze(JSON.parse(json) as CacheEntry), expiresAt: now() + ttlMs, bytes, tags: [...tags] });
    byteCount += bytes;
    for (const tag of tags) {
      let keys = keysByTag.get(tag);
      if (!keys) keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const oldest of slots.keys()) {
      if (byteCount <= maxBytes) break;
      remove(oldest);
    }
  }

  function deleteByTag(tag: string): number {
    const keys = [...(keysByTag.get(tag) ?? [])];
    for (const key of keys) remove(key);
    return keys.length;
  }

  return {
    get: (key) => Promise.resolve(get(key)),
    peek: get,
    set: (key, entry, setOptions) => {
      try {
        set(key, entry, setOptions);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    },
    delete: (key) => {
      remove(key);
      return Promise.resolve();
    },
    deleteByTag: (tag) => Promise.resolve(deleteByTag(tag)),
    close: () => {
      slots.clear();
      keysByTag.clear();
      byteCount = 0;
      return Promise.resolve();
    },
    get entryCount() {
      return slots.size;
    },
    get byteCount() {
      return byteCount;
    },
  };
}
