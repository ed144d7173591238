/**
 * weft (API + builder UI) on one port for the browser tests, configured like `npm start` through the environment
 * (PORT, WEFT_DATA_DIR, WEFT_SECRET_KEY…). The API answers /trpc, /v1 and /health; every other path goes to the
 * Next.js handler. Prints `weft is running at <url>` once listening; SIGTERM drains and closes the database.
 *
 * Run with tsx: `npx tsx e2e/support/serve-weft.ts`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadEnv } from '../../apps/api/src/env';
import { createHttpServer } from '../../apps/api/src/server';
import { createAppServices } from '../../apps/api/src/services/app-services';
import { createWebHandler } from '../../apps/web/server/create-web-handler';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

const apiPrefixes = ['/trpc/', '/v1/', '/health'];

function isApiPath(url: string): boolean {
  return url === '/v1' || apiPrefixes.some((prefix) => url.startsWith(prefix));
}

const env = loadEnv();
const services = await createAppServices(env);
const server = createHttpServer(services);
const webHandler = createWebHandler({});
const apiListener = server.listeners('request')[0] as Listener;
server.removeAllListeners('request');
server.on('request', (request: IncomingMessage, response: ServerResponse) => {
  if (isApiPath(request.url ?? '/')) {
    apiListener(request, response);
    return;
  }
  webHandler(request, response).catch((error: unknown) => services.logger.error('web request failed', { url: request.url, error }));
});

await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(env.PORT, env.HOST, () => resolve());
});
const { port } = server.address() as AddressInfo;
process.stdout.write(`weft is running at http://${env.HOST}:${port}\n`);

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  server.close();
  void services.runs
    .flush()
    .then(() => services.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
