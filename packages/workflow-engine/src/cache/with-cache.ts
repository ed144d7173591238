import type { Logger, NodeContext, NodeDefinition, NodeResult, NodeRunArgs } from '../spec';
import { abortableSleep, bounded } from './bounded';
import type { CacheLock, GenerationSource } from './cache-coordinator';
import { cacheKey, dependencyName, dependencyTag } from './cache-key';
import { resolveCachePolicy, ttlSecondsFor, type CachePolicy, type CachePolicyInput } from './cache-policy';
import { createCacheErrorReporter, createCacheStats, type CacheErrorReporter, type CacheStats } from './cache-stats';
import type { CacheEntry, CacheHit, CacheStore } from './cache-store';
import { deepFreeze } from './deep-freeze';
import { createSingleflight, type FlightHandle } from './singleflight';

/** What `withCache` needs besides the store: all optional, all shared by the definitions you wrap. */
export interface CacheServices {
  /** Generations of dependencies (a `CacheCoordinator`); without it every generation is 0. */
  generations?: GenerationSource;
  /** Cross-process lock (`createRedisLock`); without it identical work is deduplicated in-process only. */
  lock?: CacheLock;
  stats?: CacheStats;
  reportError?: CacheErrorReporter;
  /** Monotonic clock for lock waits (ms). */
  now?: () => number;
}

interface Prepared {
  key: string;
  tags: string[];
}

type Outcome = { kind: 'hit'; hit: CacheHit } | { kind: 'ran'; result: NodeResult; entry: CacheEntry | undefined };

/**
 * Wraps a node type so identical work is served from `store`. The result has the same interface as
 * `definition`; only `run` differs. Cache failures never fail the run: every cache operation is bounded by
 * `policy.opTimeoutMs`, and on any failure the node simply runs.
 */
export function withCache<Config>(
  definition: NodeDefinition<Config>,
  store: CacheStore,
  policyInput: CachePolicy | CachePolicyInput = {},
  services: CacheServices = {},
): NodeDefinition<Config> {
  const policy = resolveCachePolicy(policyInput);
  const stats = services.stats ?? createCacheStats();
  const reportError = services.reportError ?? createCacheErrorReporter();
  const now = services.now ?? (() => performance.now());
  const { lock, generations } = services;
  const keyOptions = { normalise: policy.normaliseByType[definition.type] ?? false, synonyms: policy.synonyms };
  const flights = createSingleflight<Outcome>();

  async function attempt<T>(what: string, logger: Logger, operation: () => Promise<T>): Promise<T | undefined> {
    try {
      return await bounded(Promise.resolve().then(operation), policy.opTimeoutMs, what);
    } catch (error) {
      stats.errors++;
      reportError(logger, what, error);
      return undefined;
    }
  }

  /** Key and tags; synchronous unless a generation has to be read from the coordinator's store. */
  function prepare(args: NodeRunArgs<Config>): Prepared | Promise<Prepared> {
    const dependencies = definition.dependencies?.(args.config) ?? [];
    const generationByName: Record<string, number> = {};
    const pending: Promise<void>[] = [];
    for (const dependency of dependencies) {
      const name = dependencyName(dependency);
      const generation = generations?.generation(dependency.scope, dependency.id) ?? 0;
      if (typeof generation === 'number') generationByName[name] = generation;
      else pending.push(bounded(generation, policy.opTimeoutMs, 'generation lookup').then((value) => void (generationByName[name] = value)));
    }
    const finish = (): Prepared => ({
      key: cacheKey(
        { type: definition.type, version: definition.version, config: args.config, inputs: args.inputs, generations: generationByName, namespace: policy.namespace },
        keyOptions,
      ),
      tags: dependencies.map(dependencyTag),
    });
    return pending.length === 0 ? finish() : Promise.all(pending).then(finish);
  }

  /** The fast path: a synchronous L1 lookup, with no timer, promise or flight. */
  function peek(key: string, logger: Logger): CacheHit | undefined {
    if (!store.peek) return undefined;
    try {
      return store.peek(key);
    } catch (error) {
      stats.errors++;
      reportError(logger, 'lookup', error);
      return undefined;
    }
  }

  /** Takes the cross-process lock, or waits (bounded) for the process holding it to store the result. */
  async function claimOrWait(key: string, signal: AbortSignal, logger: Logger): Promise<{ hit?: CacheHit; token?: string }> {
    if (!lock) return {};
    const acquire = () => attempt('lock acquire', logger, async () => ({ token: await lock.acquire(key, policy.lockTtlMs) }));
    const first = await acquire();
    if (!first || first.token) return { token: first?.token };
    stats.lockWaits++;
    const deadline = now() + policy.lockWaitMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      const remaining = deadline - now();
      if (remaining <= 0) return {};
      await abortableSleep(Math.min(delay, remaining), signal);
      const hit = await attempt('lookup', logger, () => store.get(key));
      if (hit) {
        stats.lockWaitHits++;
        return { hit };
      }
      const held = await attempt('lock check', logger, () => lock.isHeld(key));
      if (held === undefined) return {};
      if (held) continue;
      // The holder finished without storing (it failed) or died: take over rather than keep waiting.
      const retry = await acquire();
      if (!retry || retry.token) return { token: retry?.token };
    }
  }

  async function produce(args: NodeRunArgs<Config>, key: string, tags: string[], flight: FlightHandle): Promise<Outcome> {
    const logger = args.ctx.logger;
    const found = await attempt('lookup', logger, () => store.get(key));
    if (found) {
      stats.hits[found.level]++;
      return { kind: 'hit', hit: found };
    }
    stats.misses++;
    const claim = await claimOrWait(key, flight.signal, logger);
    if (claim.hit) {
      stats.hits[claim.hit.level]++;
      return { kind: 'hit', hit: claim.hit };
    }
    try {
      // Built field by field: the engine's ctx may be a class instance whose getters a spread would drop.
      const { runId, nodeId, runInputs, models, retriever, clock, logger: nodeLogger } = args.ctx;
      const ctx: NodeContext = { runId, nodeId, runInputs, models, retriever, clock, logger: nodeLogger, signal: flight.signal, emitText: flight.emitText };
      const result = await definition.run({ ...args, ctx });
      const entry = snapshot(result, [...flight.chunks]);
      if (entry) {
        const ttlSeconds = ttlSecondsFor(policy, definition.type, args.settings);
        const ttlMs = 1000 * (entry.empty ? Math.min(policy.negativeTtlSeconds, ttlSeconds) : ttlSeconds);
        const stored = await attempt('store', logger, () => store.set(key, entry, { ttlMs, tags }).then(() => true));
        if (stored && entry.empty) stats.negativeStores++;
        else if (stored) stats.stores++;
      }
      return { kind: 'ran', result, entry };
    } finally {
      const token = claim.token;
      if (token && lock) await attempt('lock release', logger, () => lock.release(key, token));
    }
  }

  /** The entry to store and to hand to joined callers: a JSON copy, or undefined if the result isn't JSON. */
  function snapshot(result: NodeResult, chunks: string[]): CacheEntry | undefined {
    const entry: CacheEntry = {
      outputs: result.outputs,
      handle: result.handle,
      usage: result.usage,
      metadata: result.metadata,
      chunks,
      empty: definition.isEmptyResult?.(result) ?? false,
      storedAt: Date.now(),
    };
    try {
      return deepFreeze(JSON.parse(JSON.stringify(entry)) as CacheEntry);
    } catch {
      return undefined;
    }
  }

  return {
    ...definition,
    async run(args) {
      if (args.settings.cache?.enabled === false) {
        stats.bypasses++;
        return definition.run(args);
      }
      let prepared: Prepared;
      try {
        const pending = prepare(args);
        prepared = pending instanceof Promise ? await pending : pending;
      } catch (error) {
        stats.errors++;
        reportError(args.ctx.logger, 'key derivation', error);
        return definition.run(args);
      }
      const { key, tags } = prepared;
      // An L1 hit needs no signal: the engine drops what an aborted attempt returns, and reading `ctx.signal` first
      // would make the engine create an AbortController for every cached node run.
      const near = peek(key, args.ctx.logger);
      if (near) {
        stats.hits[near.level]++;
        for (const chunk of near.entry.chunks) args.ctx.emitText(chunk);
        return cachedResult(near.entry, near.level);
      }
      args.ctx.signal.throwIfAborted();
      const participant = { emitText: (text: string) => args.ctx.emitText(text), signal: args.ctx.signal };
      const { leader, result } = flights.join(key, participant, (flight) => produce(args, key, tags, flight));
      if (!leader) stats.stampedeJoins++;
      const outcome = await result;
      if (outcome.kind === 'hit') {
        for (const chunk of outcome.hit.entry.chunks) args.ctx.emitText(chunk);
        return cachedResult(outcome.hit.entry, outcome.hit.level);
      }
      if (leader) return outcome.result;
      return outcome.entry ? cachedResult(outcome.entry, 'in-flight') : { ...outcome.result, cached: true };
    },
  };
}

/** A stored entry as a node result: `cached`, usage zero (no tokens spent now), the original in metadata. */
function cachedResult(entry: CacheEntry, source: string): NodeResult {
  return {
    outputs: entry.outputs,
    handle: entry.handle,
    usage: entry.usage ? { inputTokens: 0, outputTokens: 0 } : undefined,
    cached: true,
    metadata: { ...entry.metadata, cacheSource: source, ...(entry.usage ? { cachedUsage: entry.usage } : {}) },
  };
}
