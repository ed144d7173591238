import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testRedisUrl } from '@weft/testkit';
import { graph, seedApp } from '../runtime/test-support/seed-apps';
import { createTestServices, serviceProbes, type TestServices } from '../test-support/test-services';
import { createTextDocument } from './documents-service';
import { createKnowledgeBase } from './knowledge-bases-service';
import type { KnowledgeApiProcessArgs } from './test-support/knowledge-api-process';

interface ChildAnswer {
  event: string;
  status?: string;
  cached?: boolean;
  contents?: string[];
}

const childScript = fileURLToPath(new URL('./test-support/knowledge-api-process.ts', import.meta.url));

/** The child's stdout as a queue of JSON lines. */
function answers(child: ChildProcessWithoutNullStreams) {
  const queue: ChildAnswer[] = [];
  const waiters: ((answer: ChildAnswer) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as ChildAnswer;
    const waiter = waiters.shift();
    if (waiter) waiter(answer);
    else queue.push(answer);
  });
  return () => new Promise<ChildAnswer>((resolve) => {
    const answer = queue.shift();
    if (answer) resolve(answer);
    else waiters.push(resolve);
  });
}

// Vectors stay per process here (the local PostgreSQL has no pgvector), so the app searches by keyword, which
// both processes serve from the shared segment rows.
describe.skipIf(!serviceProbes.postgres.ok || !serviceProbes.redis.ok)('knowledge invalidation across two API processes (PostgreSQL + Redis)', () => {
  let parent: TestServices;
  let child: ChildProcessWithoutNullStreams;
  let next: () => Promise<ChildAnswer>;
  let childDataDir: string;
  let stderr = '';
  let knowledgeBaseId: string;
  let workspaceId: string;

  const addText = async (name: string, text: string) => {
    await createTextDocument(parent, { userId: 'parent', workspaceId, role: 'owner', knowledgeBaseId }, { name, text, tags: [] });
    await parent.knowledge.queue.drain();
  };
  const childRun = async (question: string): Promise<ChildAnswer> => {
    child.stdin.write(`run ${question}\n`);
    return next();
  };

  beforeAll(async () => {
    parent = await createTestServices({ db: 'postgres', redis: true });
    workspaceId = (await parent.prisma.workspace.create({ data: { name: 'Two processes' } })).id;
    const knowledgeBase = await createKnowledgeBase(parent, { userId: 'parent', workspaceId, role: 'owner' }, {
      name: 'Support',
      description: '',
      embeddingModel: 'local:use-lite',
      chunkSettings: { mode: 'general', separators: ['\n\n'], maxTokens: 200, overlapTokens: 0 },
    });
    knowledgeBaseId = knowledgeBase.id;
    await addText('opening hours', 'Opening hours: the support desk answers from 9 to 17 on weekdays.');
    const { appId } = await seedApp(parent.prisma, workspaceId, {
      mode: 'workflow',
      graph: graph(
        [
          ['start', 'start', { variables: [{ variable: 'question', label: 'Question', type: 'text-input', required: true }] }],
          ['search', 'knowledge-retrieval', { queryVariableSelector: ['start', 'question'], knowledgeBaseIds: [knowledgeBaseId], retrievalMode: 'keyword', topK: 3 }],
          ['end', 'end', { outputs: [{ variable: 'passages', valueSelector: ['search', 'result'] }] }],
        ],
        [
          ['start', 'search'],
          ['search', 'end'],
        ],
      ),
    });

    childDataDir = await mkdtemp(join(tmpdir(), 'weft-second-process-'));
    const args: KnowledgeApiProcessArgs = {
      databaseUrl: testDatabaseUrl(),
      schema: parent.schema ?? '',
      redisUrl: testRedisUrl(),
      redisPrefix: parent.redisPrefix,
      dataDir: childDataDir,
      appId,
    };
    child = spawn(process.execPath, ['--import', 'tsx', childScript, JSON.stringify(args)], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    next = answers(child);
    expect(await next(), stderr).toEqual({ event: 'ready' });
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end('exit\n');
      await exited;
    }
    await parent?.close();
    if (childDataDir) await rm(childDataDir, { recursive: true, force: true });
  }, 60_000);

  it('a document added by process A is seen by process B, whose cached retrieval is not served again', async () => {
    const question = 'when does the support desk answer the phone on saturdays';
    const first = await childRun(question);
    expect(first, stderr).toMatchObject({ status: 'succeeded', cached: false });
    expect(first.contents?.[0]).toMatch(/^Opening hours:/);
    expect(await childRun(question)).toMatchObject({ status: 'succeeded', cached: true, contents: first.contents });

    await addText('weekend', 'Weekend support: on saturdays the support desk answers the phone from 10 to 14.');

    const after = await childRun(question);
    expect(after, stderr).toMatchObject({ status: 'succeeded', cached: false });
    expect(after.contents?.[0]).toMatch(/^Weekend support:/);
    expect(await childRun(question)).toMatchObject({ cached: true, contents: after.contents });
  }, 60_000);
});
