import type { PrismaClient } from '@weft/db';
import type { WeftModelRegistry } from '@weft/llm-gateway';
import { compile, type Plan } from '@weft/workflow-engine/runtime';
import { AppError } from '../errors';
import type { AppRecord } from './app-directory';
import type { NodeCache } from './node-cache';
import type { WorkspaceModelsCache } from './workspace-models';

/** A workflow compiled against its workspace's cached node registry, with the models its runs use. */
export interface CompiledApp {
  plan: Plan;
  models: WeftModelRegistry;
  /** The published version, or null for the draft. */
  versionId: string | null;
  versionNumber: number | null;
}

export interface PlanCache {
  /** The latest published version; AppError `app_unavailable` when the app was never published. */
  published(app: AppRecord): Promise<CompiledApp>;
  /** The current draft, compiled once per saved draft version. */
  draft(app: AppRecord): Promise<CompiledApp>;
  invalidateApp(appId: string): void;
  invalidateWorkspace(workspaceId: string): void;
}

interface Entry {
  workspaceId: string;
  compiled: Promise<CompiledApp>;
}

export function createPlanCache(options: { prisma: PrismaClient; nodeCache: NodeCache; workspaceModels: WorkspaceModelsCache }): PlanCache {
  const { prisma, nodeCache, workspaceModels } = options;
  const published = new Map<string, Entry>();
  const drafts = new Map<string, Entry & { draftVersion: number }>();

  async function compileFor(app: AppRecord, graph: unknown, what: string): Promise<Omit<CompiledApp, 'versionId' | 'versionNumber'>> {
    const { models, fingerprint } = await workspaceModels.get(app.workspaceId);
    const compiled = compile(graph, nodeCache.registryFor(fingerprint));
    if (!compiled.ok) {
      const problems = compiled.problems.slice(0, 10).map((problem) => `${problem.nodeId ? `node "${problem.nodeId}": ` : ''}${problem.message}`);
      throw new AppError('compile_failed', `The ${what} of app "${app.name}" does not compile: ${problems.join('; ')}. Fix it in the builder and publish again.`, {
        details: { problems: compiled.problems },
      });
    }
    return { plan: compiled.plan, models };
  }

  async function loadPublished(app: AppRecord): Promise<CompiledApp> {
    const version = await prisma.workflowVersion.findFirst({ where: { appId: app.id }, orderBy: { number: 'desc' }, select: { id: true, number: true, graph: true } });
    if (!version) {
      throw new AppError('app_unavailable', `App "${app.name}" has no published version yet. Publish it in the builder, then call the API again.`);
    }
    return { ...(await compileFor(app, version.graph, `published version ${version.number}`)), versionId: version.id, versionNumber: version.number };
  }

  function cached<T extends Entry>(map: Map<string, T>, appId: string, entry: T): Promise<CompiledApp> {
    map.set(appId, entry);
    // A failed load is not kept: the next request tries again (after the author fixed it).
    entry.compiled.catch(() => {
      if (map.get(appId) === entry) map.delete(appId);
    });
    return entry.compiled;
  }

  return {
    published(app) {
      const entry = published.get(app.id);
      if (entry) return entry.compiled;
      return cached(published, app.id, { workspaceId: app.workspaceId, compiled: loadPublished(app) });
    },
    async draft(app) {
      const head = await prisma.workflowDraft.findUnique({ where: { appId: app.id }, select: { version: true } });
      if (!head) throw new AppError('not_found', `App "${app.name}" has no draft yet. Open it in the builder and save the workflow first.`);
      const entry = drafts.get(app.id);
      if (entry && entry.draftVersion === head.version) return entry.compiled;
      const compiled = (async (): Promise<CompiledApp> => {
        const draft = await prisma.workflowDraft.findUnique({ where: { appId: app.id }, select: { graph: true, version: true } });
        if (!draft) throw new AppError('not_found', `App "${app.name}" has no draft yet. Open it in the builder and save the workflow first.`);
        return { ...(await compileFor(app, draft.graph, `draft (save ${draft.version})`)), versionId: null, versionNumber: null };
      })();
      return cached(drafts, app.id, { workspaceId: app.workspaceId, compiled, draftVersion: head.version });
    },
    invalidateApp(appId) {
      published.delete(appId);
      drafts.delete(appId);
    },
    invalidateWorkspace(workspaceId) {
      for (const map of [published, drafts] as Map<string, Entry>[]) {
        for (const [appId, entry] of map) if (entry.workspaceId === workspaceId) map.delete(appId);
      }
    },
  };
}
