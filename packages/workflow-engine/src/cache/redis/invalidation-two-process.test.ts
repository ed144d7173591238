import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis, testRedisUrl, uniqueTestPrefix } from '@weft/testkit';
import { createMemoryStore } from '../memory-store';
import { createCacheRedisClient, redisReady } from './create-cache-redis-client';
import { createCacheCoordinator, type RedisCacheCoordinator } from './redis-coordinator';
import { createRedisStore } from './redis-store';

const redisProbe = await probeRedis();
const packageRoot = fileURLToPath(new URL('../../..', import.meta.url));

interface ChildMessage {
  event: string;
  content?: string;
  cached?: boolean;
  executions?: number;
}

/** The child process's stdout as a queue of JSON messages. */
function messages(child: ChildProcessWithoutNullStreams) {
  const queue: ChildMessage[] = [];
  const waiters: ((message: ChildMessage) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as ChildMessage;
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  return {
    next: () => new Promise<ChildMessage>((resolve) => {
      const message = queue.shift();
      if (message) resolve(message);
      else waiters.push(resolve);
    }),
  };
}

describe.skipIf(!redisProbe.ok)('invalidation seen by a second OS process (real Redis)', () => {
  const prefix = uniqueTestPrefix('two-process');
  const kbId = 'kb-policy';
  const redis = createCacheRedisClient(testRedisUrl());
  const subscriber = createCacheRedisClient(testRedisUrl());
  let coordinator: RedisCacheCoordinator;
  let child: ChildProcessWithoutNullStreams;
  let fromChild: ReturnType<typeof messages>;
  let stderr = '';

  beforeAll(async () => {
    await Promise.all([redisReady(redis), redisReady(subscriber)]);
    await redis.set(`${prefix}kb-content:${kbId}`, 'Refunds within 14 days.');
    const l1 = createMemoryStore({ maxBytes: 100_000 });
    coordinator = createCacheCoordinator({ redis, subscriber, prefix, l1, l2: createRedisStore({ redis, prefix }), opTimeoutMs: 200 });
    await coordinator.ready();
    child = spawn('npx', ['tsx', 'src/cache/test-support/invalidation-child.ts', testRedisUrl(), prefix, kbId], { cwd: packageRoot });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    fromChild = messages(child);
    expect(await fromChild.next()).toEqual({ event: 'ready' });
  }, 20_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end('exit\n');
      await exited;
    }
    await coordinator?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    subscriber.disconnect();
  });

  async function childRun(): Promise<ChildMessage> {
    child.stdin.write('run\n');
    return fromChild.next();
  }

  it('never serves the old content once invalidate has returned, even when the child cannot ack', async () => {
    expect(await childRun()).toMatchObject({ content: 'Refunds within 14 days.', cached: false, executions: 1 });
    expect(await childRun()).toMatchObject({ content: 'Refunds within 14 days.', cached: true, executions: 1 });

    // Healthy child: it applies the invalidation and acks before invalidate returns.
    await redis.set(`${prefix}kb-content:${kbId}`, 'Refunds within 30 days.');
    const acked = await coordinator.invalidate({ knowledgeBaseId: kbId });
    expect(acked.acknowledged).toBe(acked.receivers);
    expect(acked.receivers).toBe(2);
    expect(await childRun()).toMatchObject({ content: 'Refunds within 30 days.', cached: false, executions: 2 });
    expect(await childRun()).toMatchObject({ content: 'Refunds within 30 days.', cached: true });

    // Stuck child: it cannot ack, so invalidate returns after the lease; by then the child's lease is gone.
    child.stdin.write('stall 1500\n');
    expect(await fromChild.next()).toEqual({ event: 'stalling' });
    await redis.set(`${prefix}kb-content:${kbId}`, 'Refunds within 60 days.');
    const unacked = await coordinator.invalidate({ knowledgeBaseId: kbId });
    expect(unacked.acknowledged).toBeLessThan(unacked.receivers);
    expect(await childRun()).toMatchObject({ content: 'Refunds within 60 days.', cached: false, executions: 3 });
    expect(stderr).not.toMatch(/Error/);
  }, 20_000);
});
