import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { openDatabase, type Database, type PrismaClient } from '@weft/db';
import type { Logger } from '@weft/workflow-engine/spec';
import type { Env } from '../env';
import { createKnowledgeServices, type KnowledgeServices } from '../knowledge/knowledge-services';
import { VectorStoreConfigError } from '../knowledge/open-vector-store';
import { isWeftRunService } from '../runtime/create-run-service';
import { runServiceForPlatform } from '../runtime/run-service-for-platform';
import type { InvalidationBus, RunService } from './contracts';
import { createLogger } from './create-logger';
import { createInvalidationBus } from './invalidation-bus';
import { createSecretBox, loadSecretKey, type SecretBox } from './secret-box';

/** Everything the API's routers, REST handlers and services use, created once per process. */
export interface AppServices {
  env: Env;
  prisma: PrismaClient;
  dbKind: 'pglite' | 'postgres';
  /** Present in server mode (REDIS_URL): shared state between API processes. Commands fail fast while it is down. */
  redis?: Redis;
  /** Prefix for every Redis key and channel this process uses (`weft:` by default, unique per test). */
  redisPrefix: string;
  bus: InvalidationBus;
  secrets: SecretBox;
  logger: Logger;
  runs: RunService;
  /** Knowledge bases: vector store, keyword index, ingestion queue, retriever, progress. */
  knowledge: KnowledgeServices;
  /** Absolute data dir (embedded database, generated secret key, uploads). */
  dataDir: string;
  /** Stops runs (flushing traces), then the bus, Redis and the database it opened. Idempotent. */
  close(): Promise<void>;
  /** The embedded database's process died while open (it opened it): resolves with what happened. */
  databaseLost?: Promise<string>;
}

/** Why the services could not start; the message says what to fix. */
export class StartupError extends Error {
  readonly code: 'redis_unreachable' | 'server_mode_config' | 'port_in_use' | 'vector_store_unavailable';
  constructor(code: StartupError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
    this.code = code;
  }
}

/** What the run service is built from: every service except itself. */
export type PlatformServices = Omit<AppServices, 'runs' | 'close'>;

export interface AppServicesOverrides {
  /** An open database to use instead of opening one from env; the caller keeps ownership (close it yourself). */
  database?: Database;
  /** A client to use instead of connecting to REDIS_URL (caller-owned); `null` runs without Redis. */
  redis?: Redis | null;
  redisPrefix?: string;
  logger?: Logger;
  secrets?: SecretBox;
  /** Replaces the run service (tests of the layers above it). */
  createRunService?: (platform: PlatformServices) => RunService | Promise<RunService>;
}

/**
 * Builds the services from a parsed env: the database (embedded PGlite under the data dir unless DATABASE_URL,
 * migrated), Redis when REDIS_URL is set, the invalidation bus, the secret box and the run service.
 * If any step fails, what was already opened is closed before the error propagates.
 */
export async function createAppServices(env: Env, overrides: AppServicesOverrides = {}): Promise<AppServices> {
  const dataDir = resolve(env.WEFT_DATA_DIR);
  const logger = overrides.logger ?? createLogger(env.WEFT_LOG_LEVEL);
  const redisPrefix = overrides.redisPrefix ?? 'weft:';
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => logger.error('error while closing services', { error }));
    }
  };

  try {
    // Cheap checks first, so a misconfiguration fails before the seconds an embedded database takes to open.
    const redis = overrides.redis === undefined ? await connectRedis(env.REDIS_URL, logger) : (overrides.redis ?? undefined);
    if (redis && overrides.redis === undefined) cleanups.push(() => quitRedis(redis));

    const secrets = overrides.secrets ?? createSecretBox(await loadSecretKey({ secretKey: env.WEFT_SECRET_KEY, dataDir }));

    const database = overrides.database ?? (await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir, sharedBuffers: env.WEFT_DB_SHARED_BUFFERS }));
    if (!overrides.database) cleanups.push(() => database.close());

    const bus = await createInvalidationBus({ redis, prefix: redisPrefix, logger });
    cleanups.push(() => bus.close());

    const knowledge = await createKnowledgeServices({ env, prisma: database.prisma, embeddedSql: database.embeddedSql, bus, redis, redisPrefix, secrets, logger, dataDir }).catch(
      (error: unknown) => {
        if (error instanceof VectorStoreConfigError) throw new StartupError('vector_store_unavailable', error.message, { cause: error });
        throw error;
      },
    );
    cleanups.push(() => knowledge.close());

    const platform: PlatformServices = {
      env,
      prisma: database.prisma,
      dbKind: database.kind,
      redis,
      redisPrefix,
      bus,
      secrets,
      logger,
      dataDir,
      knowledge,
    };
    const runs = await (overrides.createRunService ?? runServiceForPlatform)(platform);
    cleanups.push(() => runs.close());
    if (isWeftRunService(runs)) knowledge.setCacheInvalidation((knowledgeBaseId) => runs.nodeCache.invalidateKnowledgeBase(knowledgeBaseId));

    let closing: Promise<void> | undefined;
    const databaseLost = overrides.database ? undefined : database.lost;
    return { ...platform, runs, close: () => (closing ??= closeAll()), ...(databaseLost ? { databaseLost } : {}) };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function connectRedis(url: string | undefined, logger: Logger): Promise<Redis | undefined> {
  if (url === undefined) return undefined;
  // Fail fast instead of queueing while Redis is away: a hot path must not hang on it. Reconnects keep going.
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3_000 });
  redis.on('error', (error: Error) => logger.warn('redis connection error', { error }));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new StartupError(
      'redis_unreachable',
      `Cannot connect to Redis at ${redactUrl(url)} (${(error as Error).message}). Start Redis, fix REDIS_URL, or unset it to run embedded.`,
      { cause: error },
    );
  }
  return redis;
}

async function quitRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable REDIS_URL>';
  }
}
