import type { Redis } from 'ioredis';
import { concurrencyLimit } from './middleware/concurrency-limit';
import { createConcurrencyLimiter } from './middleware/create-concurrency-limiter';
import type { ConcurrencyLimiter } from './middleware/create-concurrency-limiter';
import { createMemoryRateLimitStore } from './middleware/create-memory-rate-limit-store';
import { createRedisRateLimitStore } from './middleware/create-redis-rate-limit-store';
import { batchEmbeddings } from './middleware/embedding-batcher';
import { consoleLogger } from './middleware/gateway-logger';
import type { GatewayLogger } from './middleware/gateway-logger';
import type { Sleep } from './middleware/abortable-wait';
import { rateLimit } from './middleware/rate-limit';
import type { RateLimitStore } from './middleware/rate-limit-store';
import { retry } from './middleware/retry';
import { timeouts } from './middleware/timeouts';
import { usageAccounting } from './middleware/usage-accounting';
import type { UsageReport } from './middleware/usage-accounting';
import { wrapEmbeddingModel, wrapLanguageModel } from './middleware/wrap-language-model';
import type { ModelMiddleware } from './middleware/wrap-language-model';
import { createModelRegistry, defaultEmbeddingModelId } from './registry';
import type { WeftModelRegistry } from './registry';
import type { EmbeddingModel, LanguageModel, ProviderConfig } from './spec';

export interface CreateGatewayOptions {
  providers: ProviderConfig[];
  /** Shares rpm / tpm budgets across processes; without it they are per process. */
  redis?: Redis;
  /** Prefix of the rate limit keys in Redis (default `weft:rate-limit:`). */
  redisPrefix?: string;
  onUsage?: (report: UsageReport) => void | Promise<void>;
  logger?: GatewayLogger;
  /** Injected in tests: backoff and rate limit waits. */
  sleep?: Sleep;
  /** Injected in tests: the clock of the rate limit windows. */
  clock?: { now(): number };
  /** Longest wait for a free rate limit window before failing with `rate_limited` (default 5000). */
  rateLimitMaxWaitMs?: number;
  /** Passed to the registry (default `local:use-lite`). */
  defaultEmbeddingModelId?: string;
}

/**
 * The registry with each provider's `limits` applied, outermost first: usage accounting, retry, rate limit,
 * concurrency limit, timeouts (so every attempt is rate limited and timed on its own, and usage is reported
 * once per call). Embedding models get the embedding batcher outside all of these, so limits and usage
 * apply to the upstream batches. Wrapped models are created once per id.
 */
export function createGateway(options: CreateGatewayOptions): WeftModelRegistry {
  const registry = createModelRegistry({
    providers: options.providers,
    ...(options.defaultEmbeddingModelId === undefined ? {} : { defaultEmbeddingModelId: options.defaultEmbeddingModelId }),
  });
  const logger = options.logger ?? consoleLogger;
  const clock = options.clock;
  const now = clock ? () => clock.now() : Date.now;
  const store: RateLimitStore = options.redis
    ? createRedisRateLimitStore(options.redis, options.redisPrefix ?? 'weft:rate-limit:', { now, logger })
    : createMemoryRateLimitStore({ now });
  const configs = new Map(options.providers.map((config) => [config.name, config]));
  const limiters = new Map<string, ConcurrencyLimiter>();
  const languageModels = new Map<string, LanguageModel>();
  const embeddingModels = new Map<string, EmbeddingModel>();

  function middlewaresFor(provider: string): ModelMiddleware[] {
    const config = configs.get(provider);
    const limits = config?.limits ?? {};
    const middlewares: ModelMiddleware[] = [
      usageAccounting({ onUsage: options.onUsage ?? (() => undefined), pricing: config?.pricing, logger }),
      retry({ maxRetries: limits.maxRetries ?? 2, sleep: options.sleep }),
    ];
    if (limits.rpm !== undefined || limits.tpm !== undefined) {
      middlewares.push(
        rateLimit({ key: provider, rpm: limits.rpm, tpm: limits.tpm, store, maxWaitMs: options.rateLimitMaxWaitMs, sleep: options.sleep }),
      );
    }
    if (limits.maxConcurrency !== undefined) {
      let limiter = limiters.get(provider);
      if (!limiter) {
        limiter = createConcurrencyLimiter(limits.maxConcurrency);
        limiters.set(provider, limiter);
      }
      middlewares.push(concurrencyLimit(limiter));
    }
    if (limits.firstTokenTimeoutMs !== undefined || limits.totalTimeoutMs !== undefined) {
      middlewares.push(timeouts({ firstTokenMs: limits.firstTokenTimeoutMs, totalMs: limits.totalTimeoutMs }));
    }
    return middlewares;
  }

  const gateway: WeftModelRegistry = {
    languageModel(id) {
      let model = languageModels.get(id);
      if (!model) {
        const base = registry.languageModel(id);
        model = wrapLanguageModel(base, middlewaresFor(base.provider));
        languageModels.set(id, model);
      }
      return model;
    },
    embeddingModel(id) {
      let model = embeddingModels.get(id);
      if (!model) {
        const base = registry.embeddingModel(id);
        model = batchEmbeddings(wrapEmbeddingModel(base, middlewaresFor(base.provider)));
        embeddingModels.set(id, model);
      }
      return model;
    },
    defaultEmbeddingModel: () => gateway.embeddingModel(options.defaultEmbeddingModelId ?? defaultEmbeddingModelId),
    providers: () => registry.providers(),
  };
  return gateway;
}
