import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DbError } from '../db-error';
import { childMessageSchema, unixSocketPort, type ChildArgs, type ParentMessage } from './embedded-server-messages';

export interface StartEmbeddedServerOptions {
  /** The database directory (`<dataDir>/db`). */
  dir: string;
  /** PostgreSQL's shared_buffers, e.g. `32MB`. */
  sharedBuffers: string;
  /** How long the child may take to open (a fresh directory runs initdb: seconds). Default 60 s. */
  startTimeoutMs?: number;
}

export interface EmbeddedServer {
  /** Where to connect with pg: `host` is the socket directory (or 127.0.0.1 on Windows). */
  connection: { host: string; port: number; user: 'postgres'; database: 'postgres' };
  /** The child's pid (for logs and tests). */
  pid: number;
  /** Asks the child to close the database and release its lock; SIGKILL after 10 s. Idempotent. */
  close(): Promise<void>;
  /** Resolves, with what happened, if the child exits without `close()` (killed, crashed); pending otherwise. */
  lost: Promise<string>;
}

const childMain = fileURLToPath(new URL('./child-main.ts', import.meta.url));
const closeTimeoutMs = 10_000;
// macOS limits unix socket paths to 104 bytes; `<dir>/.s.PGSQL.5432` must fit.
const maxSocketDirLength = 104 - `/.s.PGSQL.${unixSocketPort}`.length - 1;

/** tsx runs the TypeScript child, as it runs `npm start`; resolved from here so any working directory works. */
function tsxImport(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

async function createSocketDir(): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined; // no unix sockets: the child listens on 127.0.0.1
  const base = tmpdir().length + 'weft-dbsock-XXXXXX'.length + 1 <= maxSocketDirLength ? tmpdir() : '/tmp';
  return mkdtemp(join(base, 'weft-dbsock-')); // mkdtemp makes it 0700: only this user can reach the socket
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the embedded database in a child process that owns the directory (and its lock) and serves it over the
 * Postgres wire protocol on a private unix socket, so PGlite's memory and WASM work stay off this process. The
 * child exits when `close()` asks, on SIGTERM/SIGINT, or when this process dies (its IPC channel closes).
 */
export async function startEmbeddedServer(options: StartEmbeddedServerOptions): Promise<EmbeddedServer> {
  const socketDir = await createSocketDir();
  const args: ChildArgs = { dir: options.dir, sharedBuffers: options.sharedBuffers, ...(socketDir === undefined ? {} : { socketDir }) };
  const removeSocketDir = async () => {
    if (socketDir !== undefined) await rm(socketDir, { recursive: true, force: true });
  };
  let child: ChildProcess;
  try {
    child = fork(childMain, [JSON.stringify(args)], {
      execArgv: ['--import', tsxImport()],
      stdio: ['ignore', 2, 2, 'ipc'], // the child's output goes to our stderr, never into stdout's logs
      // Its own process group, so a terminal's Ctrl+C reaches only us: we close it after our own shutdown.
      detached: process.platform !== 'win32',
    });
  } catch (error) {
    await removeSocketDir();
    throw new DbError({ code: 'pglite_open_failed', message: `Could not start the embedded database process (${String(error)}).`, cause: error });
  }

  try {
    const connection = await waitForReady(child, options);
    // Neither the child nor its channel keeps this process alive; if it exits without close(), the child follows.
    child.unref();
    child.channel?.unref();
    let closing: Promise<void> | undefined;
    const lost = new Promise<string>((resolveLost) => {
      child.once('exit', (code, signal) => {
        if (closing) return;
        const message =
          `The embedded database process (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`}); its error, ` +
          `if it printed one, is above on stderr. The data in ${options.dir} is intact up to the last commit.`;
        void removeSocketDir().then(
          () => resolveLost(message),
          () => resolveLost(message),
        );
      });
    });
    return {
      connection: { ...connection, user: 'postgres', database: 'postgres' },
      pid: child.pid ?? 0,
      close: () => (closing ??= stopChild(child).finally(removeSocketDir)),
      lost,
    };
  } catch (error) {
    await stopChild(child).catch(() => undefined);
    await removeSocketDir().catch(() => undefined);
    throw error;
  }
}

function waitForReady(child: ChildProcess, options: StartEmbeddedServerOptions): Promise<{ host: string; port: number }> {
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
      outcome();
    };
    const fail = (message: string, cause?: unknown) =>
      finish(() => reject(new DbError({ code: 'pglite_open_failed', message, ...(cause === undefined ? {} : { cause }) })));
    const onMessage = (raw: unknown) => {
      const parsed = childMessageSchema.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'ready') finish(() => resolve({ host: message.host, port: message.port }));
      else finish(() => reject(new DbError({ code: message.code, message: message.message })));
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(
        `The embedded database process exited (${signal ?? `code ${code}`}) before it was ready; its error is above on ` +
          `stderr. Check ${options.dir}, or set DATABASE_URL to use PostgreSQL.`,
      );
    const onError = (error: Error) => fail(`Could not start the embedded database process (${error.message}).`, error);
    const timer = setTimeout(
      () =>
        fail(
          `The embedded database at ${options.dir} did not open within ${Math.round(timeoutMs / 1000)} s. A slow disk ` +
            'or a very large database can take longer: start again, or set DATABASE_URL to use PostgreSQL.',
        ),
      timeoutMs,
    );
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.ref(); // keep this process alive until the child has closed its files
  if (child.connected) child.send({ type: 'shutdown' } satisfies ParentMessage, () => undefined);
  else child.kill('SIGTERM');
  if (await waitForExit(child, closeTimeoutMs)) return;
  child.kill('SIGKILL');
  await waitForExit(child, 2_000);
}
