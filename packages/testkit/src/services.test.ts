import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeRedis, testRedisUrl, uniqueTestPrefix } from './services';

describe('probeRedis', () => {
  const savedCi = process.env.CI;
  afterEach(() => {
    if (savedCi === undefined) delete process.env.CI;
    else process.env.CI = savedCi;
    vi.restoreAllMocks();
  });

  it('answers ok for the real local Redis', async () => {
    const probe = await probeRedis(testRedisUrl());
    expect(probe).toEqual({ ok: true, reason: '' });
  });

  it('reports an unreachable Redis loudly and lets the caller skip outside CI', async () => {
    delete process.env.CI;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const probe = await probeRedis('redis://127.0.0.1:1');
    expect(probe.ok).toBe(false);
    expect(warn.mock.calls[0]?.[0]).toContain('SKIPPING Redis TESTS');
  });

  it('fails instead of skipping when CI is set', async () => {
    process.env.CI = 'true';
    await expect(probeRedis('redis://127.0.0.1:1')).rejects.toThrow(/CI is set/);
  });
});

describe('uniqueTestPrefix', () => {
  it('differs between calls so parallel runs never share keys', () => {
    const a = uniqueTestPrefix('x');
    const b = uniqueTestPrefix('x');
    expect(a).not.toBe(b);
    expect(a.startsWith('weft-test:x:')).toBe(true);
  });
});
