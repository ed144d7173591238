import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '@weft/db';
import { parseEnv } from '../env';
import { createAppServices } from '../services/app-services';
import { createTestLogger } from '../test-support/test-logger';

it('queues again, at start-up, the documents an embedded process left unfinished', async () => {
  const database = await openDatabase({ inMemory: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-requeue-'));
  try {
    const { prisma } = database;
    const workspace = await prisma.workspace.create({ data: { name: 'Restarted' } });
    const knowledgeBase = await prisma.knowledgeBase.create({ data: { workspaceId: workspace.id, name: 'Notes', embeddingModel: 'local:use-lite' } });
    // As a crash leaves them: one never started, one stopped half-way, one finished before.
    const text = (topic: string) => ({ knowledgeBaseId: knowledgeBase.id, source: 'text' as const, sourceText: `Notes about ${topic}: it matters a lot to the team.` });
    await prisma.document.create({ data: { ...text('queues'), name: 'queued', status: 'queued' } });
    await prisma.document.create({ data: { ...text('embedding'), name: 'half-way', status: 'embedding', progress: 40 } });
    await prisma.document.create({ data: { ...text('done'), name: 'done', status: 'completed', progress: 100 } });

    const env = parseEnv({ WEFT_DATA_DIR: dataDir, WEFT_SECRET_KEY: randomBytes(32).toString('hex') });
    const services = await createAppServices(env, { database, redis: null, logger: createTestLogger().logger });
    try {
      await services.knowledge.queue.drain();
      const documents = await prisma.document.findMany({ orderBy: { name: 'asc' }, select: { name: true, status: true, _count: { select: { segments: true } } } });
      expect(documents.map((document) => [document.name, document.status, document._count.segments > 0])).toEqual([
        ['done', 'completed', false],
        ['half-way', 'completed', true],
        ['queued', 'completed', true],
      ]);
    } finally {
      await services.close();
    }
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 60_000);
