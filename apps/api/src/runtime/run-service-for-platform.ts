import type { PlatformServices } from '../services/app-services';
import { createRunService, type WeftRunService } from './create-run-service';

/** The run service as `createAppServices` wires it: the platform's clients and knowledge retriever, limits from the environment. */
export function runServiceForPlatform(platform: PlatformServices): Promise<WeftRunService> {
  return createRunService({
    ...platform,
    retriever: platform.knowledge.retriever,
    limits: { maxConcurrentRunsPerApp: platform.env.WEFT_MAX_CONCURRENT_RUNS_PER_APP },
  });
}
