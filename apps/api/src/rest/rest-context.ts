import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthenticatedKey } from '../runtime/app-directory';
import type { WeftRunService } from '../runtime/create-run-service';
import type { AppServices } from '../services/app-services';

/** What every REST handler gets: the request, the app its Bearer key opened, the services. */
export interface RestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** Path parameters by name (`:taskId` → `params.taskId`). */
  params: Record<string, string>;
  key: AuthenticatedKey;
  services: AppServices;
  runs: WeftRunService;
}

export type RestHandler = (context: RestContext) => Promise<void>;
