import type { PlatformServices } from '../services/app-services';
import { createRunService, type WeftRunService } from './create-run-service';

/** The run service as `createAppServices` wires it: the platform's clients, limits from the environment. */
export function runServiceForPlatform(platform: PlatformServices): Promise<WeftRunService> {
  return createRunService({ ...platform, limits: { maxConcurrentRunsPerApp: platform.env.WEFT_MAX_CONCURRENT_RUNS_PER_APP } });
}
