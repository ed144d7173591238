import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';
import { trpcBodyLimit } from '../knowledge/upload-body-limit';
import type { AppServices } from '../services/app-services';
import { createTrpcContext } from './context';
import { appRouter } from './router';

/** Where the builder's API is mounted. */
export const trpcBasePath = '/trpc/';

/**
 * The node:http handler for `/trpc/*` (queries, mutations, batches, and subscriptions over SSE). Request bodies
 * are capped at WEFT_MAX_BODY_BYTES (document uploads: their base64 file of up to WEFT_MAX_UPLOAD_BYTES); unexpected
 * failures are logged here, answered without internals.
 */
export function createTrpcRequestHandler(services: AppServices): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return (request, response) => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = (queryStart < 0 ? url : url.slice(0, queryStart)).slice(trpcBasePath.length);
    return nodeHTTPRequestHandler({
      router: appRouter,
      req: request,
      res: response,
      path,
      maxBodySize: trpcBodyLimit(path, services.env),
      createContext: ({ req, res }) => createTrpcContext({ req, res, services }),
      onError: ({ error, path: procedure }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') services.logger.error('builder API call failed', { procedure, error: error.cause ?? error });
      },
    });
  };
}
