import { describe, expect, it } from 'vitest';
import type { CacheEntry } from './cache-store';
import { createMemoryStore } from './memory-store';
import { createTwoLevelStore } from './two-level-store';

const entry: CacheEntry = { outputs: { text: 'x' }, chunks: [], empty: false, storedAt: 0 };

describe('createTwoLevelStore', () => {
  it('promotes an L2 hit into L1 for the time it has left, with its tags', async () => {
    let now = 0;
    const l1 = createMemoryStore({ maxBytes: 10_000, now: () => now });
    const l2 = createMemoryStore({ maxBytes: 10_000, level: 'l2', now: () => now });
    const store = createTwoLevelStore(l1, l2);
    await l2.set('k', entry, { ttlMs: 1000, tags: ['kb:1'] });
    now = 400;
    const first = await store.get('k');
    expect(first?.level).toBe('l2');
    const second = await store.get('k');
    expect(second?.level).toBe('l1');
    expect(second?.ttlMs).toBe(600);
    now = 1000;
    expect(await store.get('k')).toBeUndefined();
    now = 500;
    await l2.set('k', entry, { ttlMs: 1000, tags: ['kb:1'] });
    await store.get('k');
    expect(await store.deleteByTag('kb:1')).toBe(2);
  });

  it('writes and deletes both levels', async () => {
    const l1 = createMemoryStore({ maxBytes: 10_000 });
    const l2 = createMemoryStore({ maxBytes: 10_000, level: 'l2' });
    const store = createTwoLevelStore(l1, l2);
    await store.set('k', entry, { ttlMs: 1000, tags: [] });
    expect(await l1.get('k')).toBeDefined();
    expect(await l2.get('k')).toBeDefined();
    await store.delete('k');
    expect(await l1.get('k')).toBeUndefined();
    expect(await l2.get('k')).toBeUndefined();
  });
});
