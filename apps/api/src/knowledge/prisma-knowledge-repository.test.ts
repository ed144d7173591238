import { beforeAll, expect, it } from 'vitest';
import { chunkDocument } from '@weft/knowledge';
import type { IngestProgress } from '@weft/knowledge/spec';
import type { InvalidationEvent } from '../services/contracts';
import { describeBothDatabases } from '../test-support/test-services';
import { createPrismaKnowledgeRepository } from './prisma-knowledge-repository';
import { createProgressChannel } from './progress-channel';
import { createStoredKeywordIndex } from './stored-keyword-index';

const handbook = [
  'Holidays. Every employee has 25 days of paid holiday a year. Unused days carry over until March.',
  'Expenses. Train tickets are reimbursed in second class. Taxis need a manager approval first.',
].join('\n\n');

describeBothDatabases('Prisma knowledge repository', ({ services }) => {
  let knowledgeBaseId: string;
  let documentId: string;

  beforeAll(async () => {
    const { prisma } = services();
    const workspace = await prisma.workspace.create({ data: { name: 'Repository' } });
    const knowledgeBase = await prisma.knowledgeBase.create({ data: { workspaceId: workspace.id, name: 'Handbook', embeddingModel: 'local:use-lite' } });
    knowledgeBaseId = knowledgeBase.id;
    documentId = (await prisma.document.create({ data: { knowledgeBaseId, name: 'handbook', source: 'text', sourceText: handbook } })).id;
  });

  async function repository(onGeneration?: (knowledgeBaseId: string, generation: number) => void) {
    const { prisma, bus, logger, dataDir } = services();
    const progress = await createProgressChannel({ prefix: 'unused:', logger });
    return { store: createPrismaKnowledgeRepository({ prisma, bus, progress, dataDir, onGeneration }), progress };
  }

  it('loads pasted text, records progress with the error code, and publishes it', async () => {
    const { store, progress } = await repository();
    expect(await store.loadSource(documentId)).toEqual({ text: handbook });
    const watcher = progress.watch(knowledgeBaseId);
    const published = watcher.next();
    const failed: IngestProgress = { documentId, knowledgeBaseId, status: 'error', progress: 20, error: { code: 'empty_document', message: 'No text.' } };
    await store.setProgress(failed);
    expect((await published).value).toEqual(failed);
    await watcher.return(undefined);
    await progress.close();
    const row = await services().prisma.document.findUniqueOrThrow({ where: { id: documentId } });
    expect({ status: row.status, progress: row.progress, error: row.error, errorCode: row.errorCode }).toEqual({ status: 'error', progress: 20, error: 'No text.', errorCode: 'empty_document' });
    await expect(store.loadSource('no-such-document')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('replaces parent-child segments atomically, linking children to their parents', async () => {
    const { store } = await repository();
    const chunks = chunkDocument(handbook, { mode: 'parent-child', parent: { scope: 'paragraph' }, child: { separators: ['. '], maxTokens: 12 } });
    const ids = await store.replaceSegments(documentId, knowledgeBaseId, chunks);
    expect(ids).toHaveLength(chunks.length);
    const rows = await services().prisma.segment.findMany({ where: { documentId }, orderBy: { position: 'asc' } });
    expect(rows.map((row) => row.id)).toEqual(ids);
    for (const [index, chunk] of chunks.entries()) {
      const row = rows[index]!;
      expect(row.metadata).toEqual({ role: chunk.role });
      expect(row.parentId).toBe(chunk.parentPosition === undefined ? null : ids[chunk.parentPosition]);
    }
    expect((await services().prisma.document.findUniqueOrThrow({ where: { id: documentId } })).chunkMode).toBe('parent_child');
    // Replacing with nothing removes them all, in one transaction.
    await store.replaceSegments(documentId, knowledgeBaseId, []);
    expect(await services().prisma.segment.count({ where: { documentId } })).toBe(0);
    await store.replaceSegments(documentId, knowledgeBaseId, chunks);
  });

  it('bumps the generation and announces it; a keyword index of another process reloads, its own does not need to', async () => {
    const events: InvalidationEvent[] = [];
    const unsubscribe = services().bus.subscribe((event) => events.push(event));
    const { prisma } = services();
    const mine = createStoredKeywordIndex(prisma);
    const { store } = await repository((id, generation) => mine.noteOwnChange(id, generation));
    const theirs = createStoredKeywordIndex(prisma);
    const find = async (index: typeof mine, query: string) => (await index.search(query, { knowledgeBaseIds: [knowledgeBaseId] }, 3)).map((hit) => hit.segment);

    const [taxi] = await find(theirs, 'taxi approval');
    expect(taxi?.content).toContain('Taxis need a manager approval');
    expect(taxi?.parentContent).toContain('Expenses.');
    expect(await find(mine, 'holiday')).not.toEqual([]);

    // This process re-chunks the document as general chunks and updates its own index, then bumps.
    const generation = (await prisma.knowledgeBase.findUniqueOrThrow({ where: { id: knowledgeBaseId } })).generation;
    const chunks = chunkDocument(`${handbook}\n\nBikes. A bike allowance of 20 euros a month is paid with the salary.`, { mode: 'general' });
    const ids = await store.replaceSegments(documentId, knowledgeBaseId, chunks);
    await mine.deleteByDocument(knowledgeBaseId, documentId);
    await mine.add(chunks.map((chunk, index) => ({ segmentId: ids[index]!, knowledgeBaseId, documentId, documentName: 'handbook', content: chunk.content, tags: [] })));
    await store.bumpGeneration(knowledgeBaseId);
    expect((await prisma.knowledgeBase.findUniqueOrThrow({ where: { id: knowledgeBaseId } })).generation).toBe(generation + 1);
    unsubscribe();
    expect(events).toEqual([{ type: 'knowledge-base-changed', knowledgeBaseId }]);

    // Rows removed behind the indexes' backs (no generation bump) show which index reloads: only the one whose
    // generation is behind. Its own change was noted, so this process's index still answers from memory.
    await prisma.segment.deleteMany({ where: { documentId } });
    const [bike] = await find(mine, 'bike allowance');
    expect(bike?.content).toContain('20 euros a month');
    expect(bike?.parentContent).toBeUndefined();
    expect(await find(theirs, 'taxi approval')).toEqual([]);
  });
});
