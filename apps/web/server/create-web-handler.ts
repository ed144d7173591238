import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';

export interface WebHandlerOptions {
  /** The Next.js project (apps/web). Defaults to this package's folder. */
  dir?: string;
  /** Next's dev server (compile on request, hot reload) instead of the production build in `<dir>/.next`. */
  dev?: boolean;
}

/** Answers one request for the builder UI. Rejects only when Next itself throws, after answering 500 (log it). */
export type WebRequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** apps/web, whatever the working directory of the process that imports this. */
export const webAppDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * The builder UI as a node:http handler, to mount behind the API's own routes (`/trpc`, `/v1`, `/health`).
 * Next prepares in the background from the moment this is called; requests wait for it. In production mode the
 * build must exist (`npm run build:web`, or `node apps/web/scripts/ensure-build.mjs`); without it every request
 * gets a 503 that says so, instead of the process crashing.
 */
export function createWebHandler({ dir = webAppDir, dev = false }: WebHandlerOptions = {}): WebRequestHandler {
  const missingBuild = !dev && !existsSync(join(dir, '.next', 'BUILD_ID'));
  const app = next({ dev, dir, quiet: !dev });
  const ready: Promise<ReturnType<typeof app.getRequestHandler> | Error> = missingBuild
    ? Promise.resolve(new Error(`The builder UI is not built (no ${join(dir, '.next', 'BUILD_ID')}). Run \`npm run build:web\` and restart.`))
    : app.prepare().then(
        () => app.getRequestHandler(),
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );

  return async (request, response) => {
    const handle = await ready;
    if (handle instanceof Error) {
      answerPlain(response, 503, handle.message);
      return;
    }
    try {
      await handle(request, response);
    } catch (error) {
      // Next renders its own error pages; this only catches failures outside rendering.
      if (!response.headersSent) answerPlain(response, 500, 'The builder UI failed to answer this request; see the server log.');
      else response.end();
      throw error;
    }
  };
}

function answerPlain(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${message}\n`);
}
