import { beforeAll, expect, it } from 'vitest';
import type { RunResult } from '@weft/workflow-engine/spec';
import type { WeftRunService } from '../runtime/create-run-service';
import { graph, seedApp } from '../runtime/test-support/seed-apps';
import { describeBothDatabases } from '../test-support/test-services';
import { createTextDocument } from './documents-service';
import { createKnowledgeBase } from './knowledge-bases-service';

/** start(question) → knowledge-retrieval over two knowledge bases → end(result). */
function retrievalGraph(knowledgeBaseIds: string[]) {
  return graph(
    [
      ['start', 'start', { variables: [{ variable: 'question', label: 'Question', type: 'text-input', required: true }] }],
      ['search', 'knowledge-retrieval', { queryVariableSelector: ['start', 'question'], knowledgeBaseIds, retrievalMode: 'hybrid', topK: 4 }],
      ['end', 'end', { outputs: [{ variable: 'passages', valueSelector: ['search', 'result'] }] }],
    ],
    [
      ['start', 'search'],
      ['search', 'end'],
    ],
  );
}

const contents = (result: RunResult) => ((result.outputs.passages ?? []) as { content: string }[]).map((passage) => passage.content);

describeBothDatabases('knowledge retrieval in runs', ({ services }) => {
  let appId: string;
  let manualsId: string;
  let policiesId: string;
  let workspaceId: string;
  let userId: string;

  const run = async (target: 'draft' | 'published', question: string): Promise<RunResult> => {
    const runs = services().runs as WeftRunService;
    const started = await runs.start({ appId, source: target === 'draft' ? 'debugger' : 'api', target, inputs: { question }, user: userId });
    return started.result;
  };
  const addText = async (knowledgeBaseId: string, name: string, text: string) => {
    await createTextDocument(services(), { userId, workspaceId, role: 'owner', knowledgeBaseId }, { name, text, tags: [] });
    await services().knowledge.queue.drain();
  };

  beforeAll(async () => {
    const { prisma } = services();
    workspaceId = (await prisma.workspace.create({ data: { name: 'Retrieval' } })).id;
    // Debugger runs are recorded as created by a builder user.
    userId = (await prisma.user.create({ data: { email: 'retrieval@weft.test', name: 'Tester', passwordHash: 'unused' } })).id;
    const access = { userId, workspaceId, role: 'owner' as const };
    const defaults = { description: '', embeddingModel: 'local:use-lite', chunkSettings: { mode: 'general' as const, separators: ['\n\n'], maxTokens: 200, overlapTokens: 0 } };
    const policies = await createKnowledgeBase(services(), access, { name: 'Policies', ...defaults });
    const manuals = await createKnowledgeBase(services(), access, { name: 'Manuals', ...defaults });
    manualsId = manuals.id;
    policiesId = policies.id;
    await addText(policies.id, 'returns', 'Returns: unused kettles can be returned within 30 days for a full refund.');
    await addText(manuals.id, 'descaling', 'Descaling: fill the kettle with vinegar and water, boil, then rinse twice.');
    appId = (await seedApp(prisma, workspaceId, { mode: 'workflow', graph: retrievalGraph([policies.id, manuals.id]) })).appId;
  });

  it('retrieves across several knowledge bases in debug and published runs', async () => {
    for (const target of ['draft', 'published'] as const) {
      const result = await run(target, 'how do I descale or return my kettle');
      expect(result.status, target).toBe('succeeded');
      expect(contents(result).some((content) => content.startsWith('Returns:')), target).toBe(true);
      expect(contents(result).some((content) => content.startsWith('Descaling:')), target).toBe(true);
    }
  });

  it('serves a repeated retrieval from cache until a document is added, then sees the new document', async () => {
    const question = 'is the kettle warranty two years';
    const first = await run('draft', question);
    expect(first.cachedNodeIds).not.toContain('search');
    const second = await run('draft', question);
    expect(second.cachedNodeIds).toContain('search');
    expect(contents(second)).toEqual(contents(first));
    expect(contents(second).some((content) => content.startsWith('Warranty:'))).toBe(false);

    await addText(manualsId, 'warranty', 'Warranty: every kettle has a two years warranty covering the heating element.');

    const third = await run('draft', question);
    expect(third.cachedNodeIds).not.toContain('search');
    expect(contents(third)[0]).toMatch(/^Warranty:/);
    const published = await run('published', question);
    expect(contents(published)[0]).toMatch(/^Warranty:/);
  });

  it("refuses to retrieve another workspace's knowledge base, answering as for a missing one", async () => {
    const { prisma } = services();
    const intruder = (await prisma.workspace.create({ data: { name: 'Intruder' } })).id;
    const stolen = await seedApp(prisma, intruder, { mode: 'workflow', graph: retrievalGraph([policiesId]) });
    const runs = services().runs as WeftRunService;
    const started = await runs.start({ appId: stolen.appId, source: 'api', target: 'published', inputs: { question: 'refund' }, user: 'intruder' });
    const result = await started.result;
    expect(result.status).toBe('failed');
    expect(JSON.stringify(result)).not.toContain('Returns:');
    expect(result.error?.message).toContain(`Knowledge base "${policiesId}" does not exist`);
  });
});
