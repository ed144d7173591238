import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { openDatabase, type Database } from '@weft/db';
import type { ModelTestServer } from '@weft/model-test-server';
import {
  createTestSchemaName,
  dropTestSchema,
  probePostgres,
  probeRedis,
  testDatabaseUrl,
  testRedisUrl,
  uniqueTestPrefix,
} from '@weft/testkit';
import { afterAll, beforeAll, describe } from 'vitest';
import { parseEnv } from '../env';
import { createAppServices, type AppServices, type AppServicesOverrides } from '../services/app-services';
import { createTestLogger, type LogEntry } from './test-logger';

export type TestDatabaseMode = 'pglite' | 'postgres';

export interface TestServicesOptions {
  db: TestDatabaseMode;
  /** Connect to the real local Redis under a unique prefix (its keys are deleted on close). */
  redis?: boolean;
  /** Kept on the result for tests that configure a provider pointing at it; the caller closes it. */
  modelServer?: ModelTestServer;
  /** Extra environment variables (strings, as in process.env), e.g. limits. */
  env?: Record<string, string>;
  createRunService?: AppServicesOverrides['createRunService'];
}

export interface TestServices extends AppServices {
  modelServer: ModelTestServer | undefined;
  /** The PostgreSQL schema of this instance (dropped on close); undefined for PGlite. */
  schema: string | undefined;
  /** Everything logged, for assertions (warn and error are also printed). */
  logs: LogEntry[];
}

/** Whether the real services answer; probed once per test file (throws in CI when one is down). */
export const serviceProbes = await Promise.all([probePostgres(), probeRedis()]).then(([postgres, redis]) => ({ postgres, redis }));

/**
 * Real services for one test file: an in-memory PGlite or a fresh PostgreSQL schema (dropped on close), both
 * migrated; real Redis under a unique prefix when asked; a throw-away data dir and secret key.
 */
export async function createTestServices(options: TestServicesOptions): Promise<TestServices> {
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-api-test-'));
  const schema = options.db === 'postgres' ? createTestSchemaName('api') : undefined;
  const redisPrefix = uniqueTestPrefix('api');
  const { logger, entries } = createTestLogger();
  let database: Database | undefined;
  let redis: Redis | undefined;

  const release = async (): Promise<void> => {
    if (redis) await deleteKeys(redis, redisPrefix).finally(() => redis?.disconnect());
    await database?.close();
    if (schema) await dropTestSchema(schema);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    database =
      options.db === 'postgres' ? await openDatabase({ databaseUrl: testDatabaseUrl(), schema }) : await openDatabase({ inMemory: true });
    if (options.redis) {
      redis = new Redis(testRedisUrl(), { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      redis.on('error', () => undefined);
      await redis.connect();
    }
    const env = parseEnv({
      PORT: '0',
      WEFT_DATA_DIR: dataDir,
      WEFT_SECRET_KEY: randomBytes(32).toString('hex'),
      WEFT_LOG_LEVEL: 'debug',
      // The local PostgreSQL has no pgvector: knowledge vectors go to an embedded store in the test's data dir.
      ...(options.db === 'postgres' ? { DATABASE_URL: testDatabaseUrl(), WEFT_VECTOR_STORE: 'embedded' } : {}),
      ...(options.redis ? { REDIS_URL: testRedisUrl() } : {}),
      ...options.env,
    });
    const services = await createAppServices(env, {
      database,
      redis: redis ?? null,
      redisPrefix,
      logger,
      createRunService: options.createRunService,
    });
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => (closing ??= services.close().finally(release));
    return { ...services, close, modelServer: options.modelServer, schema, logs: entries };
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
}

export interface DatabaseSuite {
  db: TestDatabaseMode;
  /** The suite's services, created in beforeAll (call inside tests and hooks, not at collection time). */
  services(): TestServices;
}

/**
 * Registers the same suite twice: on in-memory PGlite (always) and on the local PostgreSQL (skipped with a loud
 * warning when it is down, a failure in CI). With `redis: true` both are skipped when Redis is down.
 */
export function describeBothDatabases(
  name: string,
  suite: (context: DatabaseSuite) => void,
  options: Omit<TestServicesOptions, 'db'> = {},
): void {
  for (const db of ['pglite', 'postgres'] as const) {
    const unavailable = (db === 'postgres' && !serviceProbes.postgres.ok) || (options.redis === true && !serviceProbes.redis.ok);
    describe.skipIf(unavailable)(`${name} [${db}]`, () => {
      let services: TestServices | undefined;
      beforeAll(async () => {
        services = await createTestServices({ ...options, db });
      }, 60_000);
      afterAll(async () => {
        await services?.close();
      }, 60_000);
      suite({
        db,
        services: () => {
          if (!services) throw new Error('Test services are created in beforeAll; call services() inside a test or hook.');
          return services;
        },
      });
    });
  }
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  if (redis.status !== 'ready') return;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
