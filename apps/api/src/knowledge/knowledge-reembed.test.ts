import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelTestServer, testEmbeddingModelId, type ModelTestServer } from '@weft/model-test-server';
import { seedWorkspace } from '../runtime/test-support/seed-apps';
import { createTestServices, type TestServices } from '../test-support/test-services';
import { createTextDocument, listDocuments } from './documents-service';
import { createKnowledgeBase, getKnowledgeBase, updateKnowledgeBase } from './knowledge-bases-service';
import type { KnowledgeAccess } from './knowledge-access';
import { retrievalTest } from './retrieval-test-service';

// The embedding model swap is the same on both databases; PGlite keeps this file quick.
describe('changing a knowledge base embedding model', () => {
  let modelServer: ModelTestServer;
  let services: TestServices;
  let access: KnowledgeAccess;

  beforeAll(async () => {
    modelServer = await startModelTestServer({ embeddingDimensions: 64 });
    services = await createTestServices({ db: 'pglite', modelServer });
    const workspaceId = await seedWorkspace(services.prisma, services.secrets, modelServer.url);
    const workspaceAccess = { userId: 'owner', workspaceId, role: 'owner' as const };
    const knowledgeBase = await createKnowledgeBase(services, workspaceAccess, {
      name: 'Recipes',
      description: '',
      embeddingModel: 'local:use-lite',
      chunkSettings: { mode: 'general', separators: ['\n\n'], maxTokens: 200, overlapTokens: 0 },
    });
    access = { ...workspaceAccess, knowledgeBaseId: knowledgeBase.id };
    for (const [name, text] of [
      ['pancakes', 'Pancakes: whisk flour, milk and eggs, then fry thin rounds in butter.'],
      ['soup', 'Tomato soup: simmer tomatoes with onion and basil, then blend until smooth.'],
    ]) {
      await createTextDocument(services, access, { name: name ?? '', text: text ?? '', tags: [] });
    }
    await services.knowledge.queue.drain();
  }, 60_000);

  afterAll(async () => {
    await services?.close();
    await modelServer?.close();
  });

  const vectorSearch = (query: string) => retrievalTest(services, access, { query, topK: 2, mode: 'vector' });

  it('clears the old vectors and re-embeds every document with the new model', async () => {
    expect((await vectorSearch('how to make pancakes with flour and milk')).hits[0]?.content).toMatch(/^Pancakes:/);
    const generationBefore = (await services.prisma.knowledgeBase.findUniqueOrThrow({ where: { id: access.knowledgeBaseId } })).generation;

    const updated = await updateKnowledgeBase(services, access, { embeddingModel: `test:${testEmbeddingModelId}`, name: 'Recipes (test model)' });
    expect(updated).toMatchObject({ embeddingModel: `test:${testEmbeddingModelId}`, name: 'Recipes (test model)' });
    await services.knowledge.queue.drain();

    const documents = await listDocuments(services, access);
    expect(documents.map((document) => [document.name, document.status])).toEqual([
      ['soup', 'completed'],
      ['pancakes', 'completed'],
    ]);
    // 64-dimension vectors now: a search embedded by the new model finds them (a leftover 512-dimension
    // collection would fail it with dimension_mismatch).
    expect((await vectorSearch('simmer tomatoes with onion and basil')).hits[0]?.content).toMatch(/^Tomato soup:/);
    const generationAfter = (await services.prisma.knowledgeBase.findUniqueOrThrow({ where: { id: access.knowledgeBaseId } })).generation;
    expect(generationAfter).toBeGreaterThanOrEqual(generationBefore + 3);
  });

  it('refuses a model change while documents are still being ingested', async () => {
    const busy = await services.prisma.document.create({ data: { knowledgeBaseId: access.knowledgeBaseId, name: 'in flight', source: 'text', sourceText: 'x', status: 'embedding' } });
    try {
      await expect(updateKnowledgeBase(services, access, { embeddingModel: 'local:use-lite' })).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      await services.prisma.document.delete({ where: { id: busy.id } });
    }
  });

  it('refuses a model the workspace cannot serve, changing nothing', async () => {
    await expect(updateKnowledgeBase(services, access, { embeddingModel: 'nowhere:embedder' })).rejects.toMatchObject({ code: 'invalid_param' });
    expect((await getKnowledgeBase(services, access)).embeddingModel).toBe(`test:${testEmbeddingModelId}`);
  });
});
