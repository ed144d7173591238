import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoDir = fileURLToPath(new URL('../..', import.meta.url));

/** The process under test: `npm start` itself (API and builder UI on one port). */
export const weftEntry = join(repoDir, 'apps', 'api', 'src', 'main.ts');

export interface WeftInstance {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  dataDir: string;
  /** Everything the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

// A start checks the UI build and rebuilds it when the web's sources changed since global setup (~10-60 s).
const startTimeoutMs = 150_000;

/**
 * A fresh weft on the embedded database in a new temp dir (a clean database every time), a free port and a fresh
 * secret key. No Redis, no DATABASE_URL: what a user gets from `npm start`.
 */
export async function startWeft(extraEnv: Record<string, string> = {}): Promise<WeftInstance> {
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-e2e-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    WEFT_DATA_DIR: dataDir,
    WEFT_SECRET_KEY: randomBytes(32).toString('hex'),
    WEFT_LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', weftEntry], { cwd: repoDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async (): Promise<void> => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await waitForUrl(child, () => output);
    return { url, dataDir, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`weft did not start within ${startTimeoutMs} ms. Output:\n${output()}`)), startTimeoutMs);
    const onData = () => {
      const match = /weft is running at (http:\/\/\S+)/.exec(output());
      if (match?.[1]) {
        cleanup();
        resolve(match[1]);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`weft exited (code ${code}) before listening. Output:\n${output()}`));
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
