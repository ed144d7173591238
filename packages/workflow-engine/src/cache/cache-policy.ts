import { z } from 'zod';
import type { NodeSettings } from '../spec';

const seconds = z.number().int().positive();
const milliseconds = z.number().int().min(0);

/** Node types `cacheRegistry` wraps by default: the expensive, deterministic-enough ones. */
export const defaultCacheableTypes = ['llm', 'knowledge-retrieval', 'template-transform'];

/**
 * Default TTLs by node type. Types not listed use `defaultTtlSeconds` (5 minutes), e.g. `http-request`.
 * Cheap nodes (start, end, answer, if-else, variable-aggregator) are not cacheable by default, so their
 * TTL only matters if a policy adds them to `cacheableTypes`.
 */
export const defaultTtlSecondsByType: Record<string, number> = {
  llm: 3600,
  'knowledge-retrieval': 600,
  'template-transform': 3600,
  'question-classifier': 3600,
  'parameter-extractor': 3600,
  'http-request': 300,
};

/**
 * Whether string inputs are normalised (NFKC, case, whitespace, punctuation, synonyms) before keying.
 * LLM and retrieval nodes take natural-language questions, where "What's X?" and "whats x" deserve one
 * answer. Everything else keys on exact text: a template or code input where case or punctuation changes
 * the output must never share an entry.
 */
export const defaultNormaliseByType: Record<string, boolean> = {
  llm: true,
  'knowledge-retrieval': true,
  'question-classifier': true,
  'parameter-extractor': true,
};

export const cachePolicySchema = z.object({
  /**
   * Part of every key. Keys cover type, version, config and inputs but not who configured the model
   * provider, so give each tenant (or app) its own namespace unless they may share answers.
   */
  namespace: z.string().default(''),
  cacheableTypes: z.array(z.string().min(1)).default(defaultCacheableTypes),
  ttlSecondsByType: z.record(z.string(), seconds).default(defaultTtlSecondsByType),
  defaultTtlSeconds: seconds.default(300),
  /** TTL of an empty result (`isEmptyResult`), kept short so new content shows up soon. */
  negativeTtlSeconds: seconds.default(60),
  normaliseByType: z.record(z.string(), z.boolean()).default(defaultNormaliseByType),
  /** Per-app phrase → replacement map, applied after normalisation (see `normaliseText`). */
  synonyms: z.record(z.string(), z.string()).default({}),
  /** Upper bound on any one cache operation; past it the node runs as if the cache were absent. */
  opTimeoutMs: milliseconds.default(50),
  /** How long a process waits for another process that holds the key's lock before running itself. */
  lockWaitMs: milliseconds.default(5000),
  /** Lifetime of the cross-process lock; a leader that dies frees the key after this at the latest. */
  lockTtlMs: z.number().int().positive().default(30_000),
});

export type CachePolicy = z.infer<typeof cachePolicySchema>;
export type CachePolicyInput = z.input<typeof cachePolicySchema>;

/**
 * Fills in defaults. The per-type maps are merged over the defaults (so `{ ttlSecondsByType: { llm: 60 } }`
 * keeps the other types' defaults); `cacheableTypes` and `synonyms` replace them.
 */
export function resolveCachePolicy(input: CachePolicyInput = {}): CachePolicy {
  const parsed = cachePolicySchema.parse(input);
  return {
    ...parsed,
    ttlSecondsByType: { ...defaultTtlSecondsByType, ...input.ttlSecondsByType },
    normaliseByType: { ...defaultNormaliseByType, ...input.normaliseByType },
  };
}

export const defaultCachePolicy: CachePolicy = resolveCachePolicy();

/** TTL of a node's entry: the node's own setting, else its type's, else the policy default. */
export function ttlSecondsFor(policy: CachePolicy, type: string, settings: NodeSettings): number {
  return settings.cache?.ttlSeconds ?? policy.ttlSecondsByType[type] ?? policy.defaultTtlSeconds;
}
