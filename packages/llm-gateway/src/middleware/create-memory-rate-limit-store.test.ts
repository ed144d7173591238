import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore } from './create-memory-rate-limit-store';

describe('createMemoryRateLimitStore', () => {
  it('allows rpm requests per minute window, then says how long until the next window', async () => {
    let now = 60_000 * 1000 + 45_000;
    const store = createMemoryRateLimitStore({ now: () => now });
    for (let index = 0; index < 3; index += 1) {
      expect(await store.take({ key: 'p', rpm: 3, tokens: 0 })).toEqual({ allowed: true });
    }
    expect(await store.take({ key: 'p', rpm: 3, tokens: 0 })).toEqual({ allowed: false, retryAfterMs: 15_000 });
    expect(await store.take({ key: 'other', rpm: 3, tokens: 0 })).toEqual({ allowed: true });
    now += 15_000;
    expect(await store.take({ key: 'p', rpm: 3, tokens: 0 })).toEqual({ allowed: true });
  });

  it('counts tokens per window, lets an oversized request through an empty window, and reconciles adjustments', async () => {
    const now = 60_000 * 7;
    const store = createMemoryRateLimitStore({ now: () => now });
    expect(await store.take({ key: 'p', tpm: 100, tokens: 60 })).toEqual({ allowed: true });
    expect((await store.take({ key: 'p', tpm: 100, tokens: 50 })).allowed).toBe(false);
    await store.adjustTokens('p', -30); // the first call used 30 tokens, not 60
    expect(await store.take({ key: 'p', tpm: 100, tokens: 50 })).toEqual({ allowed: true });

    expect(await store.take({ key: 'big', tpm: 100, tokens: 500 })).toEqual({ allowed: true });
    expect((await store.take({ key: 'big', tpm: 100, tokens: 1 })).allowed).toBe(false);
  });
});
