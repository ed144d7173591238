import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestProgress } from '@weft/knowledge/spec';
import { probeRedis, testRedisUrl, uniqueTestPrefix } from '@weft/testkit';
import { createTestLogger } from '../test-support/test-logger';
import { createProgressChannel } from './progress-channel';

const redisProbe = await probeRedis();

describe.skipIf(!redisProbe.ok)('knowledge progress channel over real Redis', () => {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  afterAll(() => redis.disconnect());

  it('reaches the subscribers of another API process, and the local ones exactly once, in order', async () => {
    const { logger } = createTestLogger();
    const prefix = uniqueTestPrefix('progress');
    const here = await createProgressChannel({ redis, prefix, logger });
    const there = await createProgressChannel({ redis, prefix, logger });
    const report: IngestProgress = { documentId: 'd1', knowledgeBaseId: 'kb1', status: 'embedding', progress: 40 };
    const local = here.watch('kb1');
    const remote = there.watch('kb1');
    const otherBase = there.watch('kb2');
    const firstHere = local.next();
    const firstThere = remote.next();
    await here.publish(report);
    await here.publish({ ...report, status: 'completed', progress: 100 });
    expect((await firstHere).value).toEqual(report);
    expect((await firstThere).value).toEqual(report);
    expect((await local.next()).value).toMatchObject({ status: 'completed' });
    expect((await remote.next()).value).toMatchObject({ status: 'completed' });
    // Closing ends every watcher, also one still waiting (a knowledge base nobody reported on).
    const idle = otherBase.next();
    await Promise.all([local.return(undefined), remote.return(undefined)]);
    await there.close();
    expect(await idle).toEqual({ done: true, value: undefined });
    await here.close();
  });
});
