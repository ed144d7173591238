// A second API process for the two-process invalidation test: server-mode services on the parent's PostgreSQL
// schema and Redis prefix, driven over stdin ("run <question>", "exit"), answering one JSON line per command.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { openDatabase } from '@weft/db';
import { parseEnv } from '../../env';
import type { WeftRunService } from '../../runtime/create-run-service';
import { createAppServices } from '../../services/app-services';
import { createTestLogger } from '../../test-support/test-logger';

export interface KnowledgeApiProcessArgs {
  databaseUrl: string;
  schema: string;
  redisUrl: string;
  redisPrefix: string;
  dataDir: string;
  appId: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as KnowledgeApiProcessArgs;
const say = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);

const database = await openDatabase({ databaseUrl: args.databaseUrl, schema: args.schema, migrate: false });
const redis = new Redis(args.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
await redis.connect();
const env = parseEnv({
  WEFT_DATA_DIR: args.dataDir,
  WEFT_SECRET_KEY: randomBytes(32).toString('hex'),
  DATABASE_URL: args.databaseUrl,
  REDIS_URL: args.redisUrl,
  WEFT_VECTOR_STORE: 'embedded',
  // The parent process ingests; this one only serves runs.
  WEFT_INGEST_WORKER: 'off',
  WEFT_LOG_LEVEL: 'warn',
});
const services = await createAppServices(env, { database, redis, redisPrefix: args.redisPrefix, logger: createTestLogger().logger });
const runs = services.runs as WeftRunService;
say({ event: 'ready' });

for await (const line of createInterface({ input: process.stdin })) {
  if (line.startsWith('run ')) {
    const started = await runs.start({ appId: args.appId, source: 'api', target: 'published', inputs: { question: line.slice(4) }, user: 'second-process' });
    const result = await started.result;
    const passages = (result.outputs.passages ?? []) as { content: string }[];
    say({ event: 'ran', status: result.status, cached: result.cachedNodeIds.includes('search'), contents: passages.map((passage) => passage.content) });
  } else if (line === 'exit') {
    break;
  }
}
await services.close();
await database.close();
redis.disconnect();
