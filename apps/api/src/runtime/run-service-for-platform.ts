import { createWorkspaceScopedRetriever } from '../knowledge/workspace-scoped-retriever';
import type { PlatformServices } from '../services/app-services';
import { createRunService, type WeftRunService } from './create-run-service';

/**
 * The run service as `createAppServices` wires it: the platform's clients, limits from the environment, and the
 * knowledge retriever limited to each running app's workspace.
 */
export function runServiceForPlatform(platform: PlatformServices): Promise<WeftRunService> {
  const { knowledge } = platform;
  return createRunService({
    ...platform,
    retrieverFor: (workspaceId) => createWorkspaceScopedRetriever(knowledge.retriever, knowledge.knowledgeBases, workspaceId),
    limits: { maxConcurrentRunsPerApp: platform.env.WEFT_MAX_CONCURRENT_RUNS_PER_APP },
  });
}
