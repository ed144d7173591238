import { describe, expect, it } from 'vitest';
import type { CacheEntry } from './cache-store';
import { createMemoryStore } from './memory-store';

const entry = (text: string): CacheEntry => ({ outputs: { text }, chunks: [text], empty: false, storedAt: 0 });

describe('createMemoryStore', () => {
  it('returns what was stored, as a frozen copy the caller can no longer change', async () => {
    const store = createMemoryStore({ maxBytes: 10_000 });
    const original = entry('hello');
    await store.set('k', original, { ttlMs: 1000, tags: ['kb:1'] });
    (original.outputs as { text: string }).text = 'changed';
    const hit = await store.get('k');
    expect(hit?.entry.outputs).toEqual({ text: 'hello' });
    expect(hit?.level).toBe('l1');
    expect(hit?.tags).toEqual(['kb:1']);
    expect(Object.isFrozen(hit?.entry.outputs)).toBe(true);
  });

  it('honours TTLs and reports the time left', async () => {
    let now = 1000;
    const store = createMemoryStore({ maxBytes: 10_000, now: () => now });
    await store.set('k', entry('x'), { ttlMs: 500, tags: [] });
    now = 1200;
    expect((await store.get('k'))?.ttlMs).toBe(300);
    now = 1500;
    expect(await store.get('k')).toBeUndefined();
    expect(store.entryCount).toBe(0);
    expect(store.byteCount).toBe(0);
  });

  it('evicts least recently used entries to stay within the byte budget', async () => {
    const size = JSON.stringify(entry('aaaa')).length + 1;
    const store = createMemoryStore({ maxBytes: size * 3 });
    for (const key of ['a', 'b', 'c']) await store.set(key, entry('aaaa'), { ttlMs: 10_000, tags: [] });
    expect(store.entryCount).toBe(3);
    await store.get('a');
    await store.set('d', entry('aaaa'), { ttlMs: 10_000, tags: [] });
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(await store.get('c')).toBeDefined();
    expect(await store.get('d')).toBeDefined();
    expect(store.byteCount).toBeLessThanOrEqual(size * 3);
  });

  it('does not store an entry bigger than the whole budget, and drops the old value of its key', async () => {
    const store = createMemoryStore({ maxBytes: 200 });
    await store.set('k', entry('small'), { ttlMs: 1000, tags: [] });
    await store.set('k', entry('x'.repeat(500)), { ttlMs: 1000, tags: [] });
    expect(await store.get('k')).toBeUndefined();
    expect(store.byteCount).toBe(0);
  });

  it('deletes by tag only the entries stored with it', async () => {
    const store = createMemoryStore({ maxBytes: 10_000 });
    await store.set('a', entry('a'), { ttlMs: 1000, tags: ['kb:1'] });
    await store.set('b', entry('b'), { ttlMs: 1000, tags: ['kb:1', 'kb:2'] });
    await store.set('c', entry('c'), { ttlMs: 1000, tags: ['kb:2'] });
    expect(await store.deleteByTag('kb:1')).toBe(2);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('c')).toBeDefined();
    expect(await store.deleteByTag('kb:2')).toBe(1);
    expect(await store.deleteByTag('kb:1')).toBe(0);
    expect(store.byteCount).toBe(0);
  });
});
