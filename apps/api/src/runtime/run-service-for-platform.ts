import { createWorkspaceScopedRetriever, inWorkspaceOf } from '../knowledge/workspace-scoped-retriever';
import type { PlatformServices } from '../services/app-services';
import { createRunService, type WeftRunService } from './create-run-service';

/**
 * The run service as `createAppServices` wires it: the platform's clients, limits from the environment, and the
 * knowledge retriever limited to each running app's workspace.
 */
export async function runServiceForPlatform(platform: PlatformServices): Promise<WeftRunService> {
  const { knowledge } = platform;
  const runs = await createRunService({
    ...platform,
    retriever: createWorkspaceScopedRetriever(knowledge.retriever, knowledge.knowledgeBases),
    limits: { maxConcurrentRunsPerApp: platform.env.WEFT_MAX_CONCURRENT_RUNS_PER_APP },
  });
  return {
    ...runs,
    async start(request) {
      const app = await runs.directory.app(request.appId);
      return inWorkspaceOf(app.workspaceId, () => runs.start(request));
    },
  };
}
