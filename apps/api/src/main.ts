import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadEnv, type Env } from './env';
import { createHttpServer } from './server';
import { createAppServices, StartupError, type AppServices } from './services/app-services';
import { loadWebUi } from './web-ui';

/**
 * `npm start`: the API and the builder UI on one port, on the embedded default (PGlite under WEFT_DATA_DIR,
 * in-process cache and bus) unless DATABASE_URL / REDIS_URL say otherwise. `npm run start:server` (`--server`):
 * the same server, refusing to start without them. WEFT_WEB=off serves the API only.
 */
const shutdownGraceMs = 10_000;

async function main(): Promise<void> {
  const serverMode = process.argv.includes('--server');
  const env = loadEnv();
  if (serverMode) checkServerMode(env);
  // Before the database opens: a first start may build the UI for a while, and nothing is listening yet.
  const web = env.WEFT_WEB === 'off' ? undefined : await loadWebUi(env.WEFT_WEB, (text) => process.stdout.write(text));
  const services = await createAppServices(env);
  if (serverMode && !env.WEFT_SECRET_KEY) {
    services.logger.warn(
      'WEFT_SECRET_KEY is unset: provider secrets are sealed with a key generated in the data dir. Set the same ' +
        'WEFT_SECRET_KEY on every API process, or credentials saved by one cannot be read by another.',
    );
  }
  const server = createHttpServer(services, { web });
  try {
    await listen(server, env.PORT, env.HOST);
  } catch (error) {
    await services.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = env.WEFT_PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST}:${port}`;
  const mode = services.dbKind === 'pglite' ? `embedded database in ${services.dataDir}` : 'PostgreSQL';
  process.stdout.write(
    `weft is running at ${url} (${mode}${services.redis ? ', Redis' : ''}).\n` +
      `  builder: ${web ? `${url}/${env.WEFT_WEB === 'dev' ? ' (Next dev server)' : ''}` : 'off (WEFT_WEB=off: API only)'}\n` +
      `  health: ${url}/health   builder API: ${url}/trpc   published apps: ${url}/v1\n`,
  );
  handleSignals(server, services);
  void services.databaseLost?.then((message) => {
    process.stderr.write(`${message}\nweft cannot serve without its database: stopping. Start it again (npm start).\n`);
    void shutdown(server, services).finally(() => process.exit(1));
  });
}

function checkServerMode(env: Env): void {
  const missing = [env.DATABASE_URL === undefined && 'DATABASE_URL', env.REDIS_URL === undefined && 'REDIS_URL'].filter(Boolean);
  if (missing.length > 0) {
    throw new StartupError(
      'server_mode_config',
      `Server mode needs ${missing.join(' and ')} (e.g. DATABASE_URL=postgres://weft:weft@127.0.0.1:5432/weft ` +
        'REDIS_URL=redis://127.0.0.1:6379). Set them, or use `npm start` for the embedded default.',
    );
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new StartupError('port_in_use', `Port ${port} on ${host} is already in use. Stop the other process or set PORT.`));
      } else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

function handleSignals(server: Server, services: AppServices): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting.\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`${signal}: finishing requests in flight, writing traces, closing the database…\n`);
    void shutdown(server, services).then(
      () => process.exit(0),
      (error: unknown) => {
        services.logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function shutdown(server: Server, services: AppServices): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Streams (SSE) may run long: give them a grace period, then cut them so the process can exit.
  const grace = setTimeout(() => server.closeAllConnections(), shutdownGraceMs);
  await closed;
  clearTimeout(grace);
  await services.runs.flush();
  await services.close();
}

main().catch((error: unknown) => {
  // Known failures (typed, or the env parser's list) say how to fix them: print the message, not a stack.
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  const known = typeof code === 'string' || (error instanceof Error && error.message.startsWith('Invalid environment'));
  const text = !(error instanceof Error) ? String(error) : known ? error.message : (error.stack ?? error.message);
  const prefix = typeof code === 'string' ? `[${code}] ` : '';
  process.stderr.write(`weft could not start: ${prefix}${text}\n`);
  process.exit(1);
});
