import { beforeAll, expect, it } from 'vitest';
import { runServiceForPlatform } from '../runtime/run-service-for-platform';
import { describeBothDatabases } from '../test-support/test-services';
import { appRouter } from './router';
import { seedWorkspaces, type SeededWorkspaces } from './test-support/seed-workspaces';
import { expectTrpcError, type TestCaller } from './test-support/test-caller';

/** Procedures that are not about one workspace's data: they act on the signed-in user only. */
const unscoped = new Set(['auth.status', 'auth.setup', 'auth.signIn', 'auth.signOut', 'auth.me', 'workspaces.list', 'workspaces.create']);

interface Resources {
  workspaceId: string;
  appId: string;
  providerId: string;
  keyId: string;
  runId: string;
  memberId: string;
  knowledgeBaseId: string;
  documentId: string;
}

function expectedCode(input: unknown): 'NOT_FOUND' | 'BAD_REQUEST' {
  return (input as { expect?: 'BAD_REQUEST' }).expect ?? 'NOT_FOUND';
}

function procedureAt(caller: TestCaller, path: string): (input: unknown) => Promise<unknown> {
  return path.split('.').reduce<any>((node, key) => node[key], caller);
}

/**
 * Calls per procedure, aimed at resources `target` owns; `home` is the caller's own workspace and app (ids of the
 * target smuggled into calls on the caller's own workspace). Each must fail with NOT_FOUND unless it says otherwise.
 */
function attacks(target: Resources, home: Resources): Record<string, Array<unknown>> {
  const { workspaceId, appId } = target;
  const graph = { nodes: [{ id: 'start', type: 'start', data: {} }], edges: [] };
  return {
    'workspaces.rename': [{ workspaceId, name: 'Mine now' }],
    'members.list': [{ workspaceId }],
    'members.add': [{ workspaceId, email: 'spy@weft.test', role: 'owner', password: 'password1' }],
    'members.changeRole': [{ workspaceId, userId: target.memberId, role: 'viewer' }, { workspaceId: home.workspaceId, userId: target.memberId, role: 'viewer' }],
    'members.remove': [{ workspaceId, userId: target.memberId }, { workspaceId: home.workspaceId, userId: target.memberId }],
    'apps.list': [{ workspaceId }],
    'apps.get': [{ appId }],
    'apps.create': [{ workspaceId, mode: 'workflow', name: 'Planted' }],
    'apps.update': [{ appId, name: 'Defaced' }],
    'apps.delete': [{ appId }],
    'drafts.get': [{ appId }],
    'drafts.save': [{ appId, graph, baseVersion: 1 }],
    'versions.publish': [{ appId, note: 'hijack' }],
    'versions.list': [{ appId }],
    'versions.get': [{ appId, number: 1 }],
    'versions.diff': [{ appId, from: 1 }],
    'versions.restore': [{ appId, number: 1 }],
    'providers.list': [{ workspaceId }],
    'providers.create': [{ workspaceId, name: 'planted', kind: 'local' }],
    'providers.update': [{ workspaceId, providerId: target.providerId, name: 'defaced' }, { workspaceId: home.workspaceId, providerId: target.providerId, apiKey: 'sk-x' }],
    'providers.delete': [{ workspaceId, providerId: target.providerId }, { workspaceId: home.workspaceId, providerId: target.providerId }],
    'providers.testConnection': [{ workspaceId, providerId: target.providerId }, { workspaceId: home.workspaceId, providerId: target.providerId }],
    'apiKeys.list': [{ appId }],
    'apiKeys.create': [{ appId, name: 'stolen' }],
    'apiKeys.revoke': [{ appId, keyId: target.keyId }, { appId: home.appId, keyId: target.keyId }],
    // A foreign cursor is refused exactly like a made-up one (same code and message), so it confirms nothing.
    'runs.list': [{ appId }, { appId: home.appId, cursor: target.runId, expect: 'BAD_REQUEST' }],
    'runs.get': [{ appId, runId: target.runId }, { appId: home.appId, runId: target.runId }],
    'runs.debugRun': [{ appId, inputs: {} }],
    'knowledge.list': [{ workspaceId }],
    'knowledge.create': [{ workspaceId, name: 'Planted', embeddingModel: 'local:use-lite' }],
    'knowledge.get': [{ knowledgeBaseId: target.knowledgeBaseId }],
    'knowledge.update': [{ knowledgeBaseId: target.knowledgeBaseId, name: 'Defaced' }],
    'knowledge.delete': [{ knowledgeBaseId: target.knowledgeBaseId }],
    'knowledge.documents.list': [{ knowledgeBaseId: target.knowledgeBaseId }],
    'knowledge.documents.upload': [{ knowledgeBaseId: target.knowledgeBaseId, fileName: 'planted.txt', contentBase64: 'cGxhbnRlZA==' }],
    'knowledge.documents.createFromText': [{ knowledgeBaseId: target.knowledgeBaseId, name: 'planted', text: 'planted' }],
    // A document of the target smuggled into the caller's own knowledge base is not found either.
    'knowledge.documents.retry': [
      { knowledgeBaseId: target.knowledgeBaseId, documentId: target.documentId },
      { knowledgeBaseId: home.knowledgeBaseId, documentId: target.documentId },
    ],
    'knowledge.documents.delete': [
      { knowledgeBaseId: target.knowledgeBaseId, documentId: target.documentId },
      { knowledgeBaseId: home.knowledgeBaseId, documentId: target.documentId },
    ],
    'knowledge.documents.progress': [{ knowledgeBaseId: target.knowledgeBaseId }],
    'knowledge.previewChunks': [{ knowledgeBaseId: target.knowledgeBaseId, text: 'x', chunkSettings: { mode: 'general' } }],
    'knowledge.retrievalTest': [{ knowledgeBaseId: target.knowledgeBaseId, query: 'secret', topK: 3, mode: 'keyword' }],
  };
}

async function createResources(who: SeededWorkspaces['owner'], workspaceId: string, memberId: string, finish: () => Promise<void>): Promise<Resources> {
  const app = await who.caller.apps.create({ workspaceId, mode: 'workflow', name: 'Private' });
  await who.caller.versions.publish({ appId: app.id, note: 'v1' });
  const provider = await who.caller.providers.create({ workspaceId, name: 'private', kind: 'local' });
  const key = await who.caller.apiKeys.create({ appId: app.id, name: 'private' });
  let runId = '';
  for await (const event of await who.caller.runs.debugRun({ appId: app.id, inputs: { input: 'secret' } })) {
    if (event.type === 'debug-run-started') runId = event.runId;
  }
  const knowledgeBase = await who.caller.knowledge.create({ workspaceId, name: 'Private', embeddingModel: 'local:use-lite' });
  const document = await who.caller.knowledge.documents.createFromText({ knowledgeBaseId: knowledgeBase.id, name: 'Private notes', text: 'secret plans' });
  await finish();
  return { workspaceId, appId: app.id, providerId: provider.id, keyId: key.id, runId, memberId, knowledgeBaseId: knowledgeBase.id, documentId: document.id };
}

describeBothDatabases(
  'tenant isolation',
  ({ services }) => {
    let seed: SeededWorkspaces;
    let a: Resources;
    let b: Resources;
    beforeAll(async () => {
      seed = await seedWorkspaces(services());
      const flush = async () => {
        await services().runs.flush();
        await services().knowledge.queue.drain();
      };
      a = await createResources(seed.owner, seed.workspaceId, seed.viewer.id, flush);
      b = await createResources(seed.outsider, seed.otherWorkspaceId, seed.outsider.id, flush);
    });

    it('covers every workspace-scoped procedure', () => {
      const scoped = Object.keys(appRouter._def.procedures).filter((path) => !unscoped.has(path));
      expect(Object.keys(attacks(b, a)).sort()).toEqual(scoped.sort());
    });

    it("answers NOT_FOUND to an owner of workspace A on every one of workspace B's resources, and changes nothing", async () => {
      const before = await snapshot(b);
      const madeUpCursor = await expectTrpcError(seed.owner.caller.runs.list({ appId: a.appId, cursor: 'no-such-run' }), 'BAD_REQUEST');
      for (const [path, inputs] of Object.entries(attacks(b, a))) {
        for (const input of inputs) {
          const error = await expectTrpcError(procedureAt(seed.owner.caller, path)(input), expectedCode(input));
          expect(error.message, path).not.toContain('Private');
          if (expectedCode(input) === 'BAD_REQUEST') expect(error.message).toBe(madeUpCursor.message);
        }
      }
      expect(await snapshot(b)).toEqual(before);
    });

    it("answers NOT_FOUND to workspace B's owner on workspace A's resources", async () => {
      for (const [path, inputs] of Object.entries(attacks(a, b))) {
        for (const input of inputs) await expectTrpcError(procedureAt(seed.outsider.caller, path)(input), expectedCode(input));
      }
    });

    async function snapshot(target: Resources) {
      const prisma = services().prisma;
      return {
        app: await prisma.app.findUnique({ where: { id: target.appId } }),
        draft: await prisma.workflowDraft.findUnique({ where: { appId: target.appId } }),
        versions: await prisma.workflowVersion.count({ where: { appId: target.appId } }),
        providers: await prisma.providerCredential.findMany({ where: { workspaceId: target.workspaceId } }),
        keys: await prisma.apiKey.findMany({ where: { appId: target.appId } }),
        members: await prisma.membership.findMany({ where: { workspaceId: target.workspaceId } }),
        apps: await prisma.app.count({ where: { workspaceId: target.workspaceId } }),
        runs: await prisma.run.count({ where: { appId: target.appId } }),
        knowledgeBases: await prisma.knowledgeBase.findMany({ where: { workspaceId: target.workspaceId } }),
        documents: await prisma.document.findMany({ where: { knowledgeBaseId: target.knowledgeBaseId } }),
        segments: await prisma.segment.count({ where: { knowledgeBaseId: target.knowledgeBaseId } }),
      };
    }
  },
  { createRunService: runServiceForPlatform },
);
