import { describe, expect, it } from 'vitest';
import { createNodeRegistry } from '../spec';
import { createLocalCoordinator } from './cache-coordinator';
import { cacheRegistry } from './cache-registry';
import { createCacheStats } from './cache-stats';
import type { CacheStore } from './cache-store';
import { createMemoryStore } from './memory-store';
import { createCountingNode, runArgs } from './test-support/counting-node';
import { withCache } from './with-cache';

function setup(options: Parameters<typeof createCountingNode>[0] = {}) {
  let now = 0;
  const store = createMemoryStore({ maxBytes: 1_000_000, now: () => now });
  const stats = createCacheStats();
  const node = createCountingNode(options);
  const cached = withCache(node.definition, store, {}, { stats });
  return { node, cached, store, stats, advance: (ms: number) => (now += ms) };
}

describe('withCache', () => {
  it('keeps the wrapped definition\'s interface', () => {
    const { node, cached } = setup({ dependencies: [{ scope: 'knowledge-base', id: 'kb1' }] });
    expect(cached.type).toBe(node.definition.type);
    expect(cached.version).toBe(node.definition.version);
    expect(cached.config).toBe(node.definition.config);
    expect(cached.streams).toBe(true);
    expect(cached.outputs({ prompt: 'x' })).toEqual(node.definition.outputs({ prompt: 'x' }));
    expect(cached.dependencies?.({ prompt: 'x' })).toEqual([{ scope: 'knowledge-base', id: 'kb1' }]);
  });

  it('serves a repeat from the cache: same outputs, same chunks replayed, cached, no tokens spent', async () => {
    const { node, cached, stats } = setup({ chunks: ['Hel', 'lo', '!'] });
    const first = runArgs('Ada');
    const original = await cached.run(first.args);
    expect(original.cached).toBeUndefined();
    expect(first.chunks).toEqual(['Hel', 'lo', '!']);

    const second = runArgs('Ada');
    const repeat = await cached.run(second.args);
    expect(node.executions).toBe(1);
    expect(second.chunks).toEqual(['Hel', 'lo', '!']);
    expect(repeat.cached).toBe(true);
    expect(repeat.outputs).toEqual(original.outputs);
    expect(repeat.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(repeat.metadata).toMatchObject({ model: 'test:counting', cachedUsage: { inputTokens: 10, outputTokens: 3 }, cacheSource: 'l1' });
    expect(stats).toMatchObject({ misses: 1, hits: { l1: 1, l2: 0 }, stores: 1, errors: 0 });
  });

  it('normalises natural-language inputs for llm nodes but keys other types on exact text', async () => {
    const llm = setup();
    await llm.cached.run(runArgs('  ADA!').args);
    expect((await llm.cached.run(runArgs('ada').args)).cached).toBe(true);

    const template = setup({ type: 'template-transform' });
    await template.cached.run(runArgs('ADA').args);
    expect((await template.cached.run(runArgs('ada').args)).cached).toBeUndefined();
    expect(template.node.executions).toBe(2);
  });

  it('bypasses the cache when the node disables it', async () => {
    const { node, cached, stats } = setup();
    await cached.run(runArgs('Ada', { cache: { enabled: false } }).args);
    await cached.run(runArgs('Ada', { cache: { enabled: false } }).args);
    expect(node.executions).toBe(2);
    expect(stats.bypasses).toBe(2);
  });

  it('expires entries after the type TTL, or the node\'s own TTL when set', async () => {
    const byType = setup();
    await byType.cached.run(runArgs('Ada').args);
    byType.advance(3_599_000);
    expect((await byType.cached.run(runArgs('Ada').args)).cached).toBe(true);
    byType.advance(2000);
    expect((await byType.cached.run(runArgs('Ada').args)).cached).toBeUndefined();

    const byNode = setup();
    await byNode.cached.run(runArgs('Ada', { cache: { enabled: true, ttlSeconds: 5 } }).args);
    byNode.advance(6000);
    expect((await byNode.cached.run(runArgs('Ada').args)).cached).toBeUndefined();
    expect(byNode.node.executions).toBe(2);
  });

  it('caches empty results for the short negative TTL only', async () => {
    const { node, cached, stats, advance } = setup({ hitCount: 0 });
    await cached.run(runArgs('Ada').args);
    expect(stats.negativeStores).toBe(1);
    advance(59_000);
    expect((await cached.run(runArgs('Ada').args)).cached).toBe(true);
    advance(2000);
    expect((await cached.run(runArgs('Ada').args)).cached).toBeUndefined();
    expect(node.executions).toBe(2);
  });

  it('never caches a failed run', async () => {
    const { node, cached } = setup({ failures: 1 });
    await expect(cached.run(runArgs('Ada').args)).rejects.toThrow('model failed');
    const retried = await cached.run(runArgs('Ada').args);
    expect(retried.cached).toBeUndefined();
    expect((await cached.run(runArgs('Ada').args)).cached).toBe(true);
    expect(node.executions).toBe(2);
  });

  it('shares one execution among 100 concurrent identical calls, streaming the chunks to every caller', async () => {
    const { node, cached, stats } = setup({ chunks: ['a', 'b', 'c'], delayMs: 30 });
    const runs = Array.from({ length: 100 }, () => runArgs('Ada'));
    const results = await Promise.all(runs.map((run) => cached.run(run.args)));
    expect(node.executions).toBe(1);
    expect(results.filter((result) => result.cached === true)).toHaveLength(99);
    expect(new Set(results.map((result) => JSON.stringify(result.outputs))).size).toBe(1);
    for (const run of runs) expect(run.chunks).toEqual(['a', 'b', 'c']);
    expect(stats.stampedeJoins).toBe(99);
  });

  it('lets one caller cancel without cancelling the shared execution; the last one out stops it', async () => {
    const { node, cached } = setup({ chunks: ['a', 'b'], delayMs: 40 });
    const leader = runArgs('Ada');
    const follower = runArgs('Ada');
    const leaderRun = cached.run(leader.args);
    const followerRun = cached.run(follower.args);
    setTimeout(() => leader.controller.abort(new Error('leader cancelled')), 5);
    await expect(leaderRun).rejects.toThrow('leader cancelled');
    expect((await followerRun).outputs.text).toBe('ab Ada');

    const lone = runArgs('Grace');
    const loneRun = cached.run(lone.args);
    setTimeout(() => lone.controller.abort(new Error('gone')), 5);
    await expect(loneRun).rejects.toThrow('gone');
    expect((await cached.run(runArgs('Grace').args)).cached).toBeUndefined();
    expect(node.executions).toBe(3);
  });

  it('keys on dependency generations, so invalidating a knowledge base re-runs its nodes', async () => {
    const store = createMemoryStore({ maxBytes: 1_000_000 });
    const coordinator = createLocalCoordinator({ l1: store });
    const node = createCountingNode({ type: 'knowledge-retrieval', dependencies: [{ scope: 'knowledge-base', id: 'kb1' }] });
    const cached = withCache(node.definition, store, {}, { generations: coordinator });
    await cached.run(runArgs('Ada').args);
    expect(store.entryCount).toBe(1);
    const report = await coordinator.invalidate({ knowledgeBaseId: 'kb1' });
    expect(report).toMatchObject({ generation: 1, deleted: 1 });
    expect((await cached.run(runArgs('Ada').args)).cached).toBeUndefined();
    expect((await cached.run(runArgs('Ada').args)).cached).toBe(true);
    expect(node.executions).toBe(2);
  });

  it('runs the node within the bounded timeout when the store hangs, and logs once', async () => {
    const hanging: CacheStore = {
      get: () => new Promise(() => undefined),
      set: () => new Promise(() => undefined),
      delete: async () => undefined,
      deleteByTag: async () => 0,
      close: async () => undefined,
    };
    const stats = createCacheStats();
    const node = createCountingNode();
    const cached = withCache(node.definition, hanging, { opTimeoutMs: 20 }, { stats });
    const run = runArgs('Ada');
    const started = performance.now();
    const result = await cached.run(run.args);
    const elapsed = performance.now() - started;
    expect(result.outputs.text).toBe('Hello Ada');
    expect(elapsed).toBeLessThan(200);
    expect(stats.errors).toBe(2);
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]).toContain('policy.opTimeoutMs');
  });
});

describe('cacheRegistry', () => {
  it('wraps only cacheable types and keeps the rest untouched', async () => {
    const llm = createCountingNode({ type: 'llm' });
    const other = createCountingNode({ type: 'if-else' });
    const registry = createNodeRegistry([llm.definition, other.definition]);
    const stats = createCacheStats();
    const cached = cacheRegistry(registry, createMemoryStore({ maxBytes: 100_000 }), {}, { stats });
    expect(cached.get('if-else')).toBe(other.definition);
    expect(cached.get('llm')).not.toBe(llm.definition);
    expect(cached.get('llm')).toBe(cached.get('llm'));
    expect(cached.types()).toEqual(['llm', 'if-else']);
    await cached.get('llm')?.run(runArgs('Ada').args);
    await cached.get('llm')?.run(runArgs('Ada').args);
    expect(llm.executions).toBe(1);
    expect(stats.hits.l1).toBe(1);
  });
});

describe('withCache and cancellation before the run', () => {
  it('rejects at once without executing when the caller has already cancelled', async () => {
    const node = createCountingNode();
    const cached = withCache(node.definition, createMemoryStore({ maxBytes: 100_000 }));
    const run = runArgs('Ada');
    run.controller.abort(new Error('cancelled before start'));
    await expect(cached.run(run.args)).rejects.toThrow('cancelled before start');
    expect(node.executions).toBe(0);
  });
});
