import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DbError, describeCause } from '../db-error';
import { openPglite, type OpenedPglite } from '../open-pglite';
import { childArgsSchema, parentMessageSchema, unixSocketPort, type ChildArgs, type ChildMessage } from './embedded-server-messages';

// The embedded database's own process (started by startEmbeddedServer): it owns the data directory and its lock,
// and serves the one PGlite session over the Postgres wire protocol. It must never outlive its parent.

// If closing hangs with nobody left to SIGKILL us, exit anyway: a lock naming a dead pid is taken over on next open.
const shutdownGraceMs = 15_000;

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

async function serve(args: ChildArgs, opened: OpenedPglite): Promise<{ server: PGLiteSocketServer; ready: ChildMessage }> {
  // PGlite is ONE session: a second connection would run inside the first one's transaction, so only one at a time.
  const where = args.socketDir === undefined ? { host: '127.0.0.1', port: 0 } : { path: join(args.socketDir, `.s.PGSQL.${unixSocketPort}`) };
  const server = new PGLiteSocketServer({ db: opened.pglite, maxConnections: 1, ...where });
  try {
    await server.start();
  } catch (error) {
    throw new DbError({
      code: 'pglite_open_failed',
      message: `The embedded database could not listen on ${server.getServerConn()} (${describeCause(error)}). Start again; if it persists, set DATABASE_URL to use PostgreSQL.`,
      cause: error,
    });
  }
  if (args.socketDir !== undefined) return { server, ready: { type: 'ready', host: args.socketDir, port: unixSocketPort } };
  const port = Number(server.getServerConn().split(':').pop());
  return { server, ready: { type: 'ready', host: '127.0.0.1', port } };
}

async function main(): Promise<void> {
  if (process.send === undefined) {
    process.stderr.write('child-main runs the embedded database for a parent weft process (fork with an IPC channel), not on its own.\n');
    process.exit(2);
  }
  const args = childArgsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  let opened: OpenedPglite | undefined;
  let server: PGLiteSocketServer | undefined;
  const started = (async () => {
    opened = await openPglite(args.dir, { sharedBuffers: args.sharedBuffers });
    const served = await serve(args, opened);
    server = served.server;
    return served.ready;
  })();

  let closing: Promise<void> | undefined;
  const shutdown = (exitCode: number): Promise<void> =>
    (closing ??= (async () => {
      setTimeout(() => process.exit(exitCode || 1), shutdownGraceMs).unref();
      await started.catch(() => undefined); // a shutdown during the open closes what the open made
      try {
        await server?.stop();
        await opened?.close(); // also releases the directory lock
      } catch (error) {
        process.stderr.write(`weft embedded database: error while closing: ${describeCause(error)}\n`);
        exitCode = 1;
      }
      if (args.socketDir !== undefined) await rm(args.socketDir, { recursive: true, force: true }).catch(() => undefined);
      process.exit(exitCode);
    })());

  process.on('message', (message: unknown) => {
    if (parentMessageSchema.safeParse(message).success) void shutdown(0);
  });
  process.on('disconnect', () => void shutdown(0)); // the parent died or closed the channel: do not outlive it
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));

  try {
    send(await started);
  } catch (error) {
    const failure = error instanceof DbError ? error : new DbError({ code: 'pglite_open_failed', message: describeCause(error), cause: error });
    send({ type: 'failed', code: failure.code, message: failure.message });
    await shutdown(1);
  }
}

await main();
