import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Child {
  pid: number;
  output: () => string;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

function startMain(args: string[], env: Record<string, string>): Child {
  // Only what main needs: no DATABASE_URL / REDIS_URL leaking in from the test environment.
  const child = spawn(process.execPath, ['--import', 'tsx', mainPath, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { pid: child.pid ?? 0, output: () => output, exited, kill: (signal) => child.kill(signal) };
}

async function waitForUrl(child: Child, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /weft is running at (http:\/\/\S+) /.exec(child.output());
    if (match?.[1]) return match[1];
    if (Date.now() > deadline) throw new Error(`main did not start within ${timeoutMs} ms:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.concurrent('main (npm start)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  // The builder UI (WEFT_WEB=on, the default) is covered by server-web.test.ts and the browser journeys (e2e/),
  // which start this same entry point.
  it('starts on the embedded default, prints its URL, serves /health, and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'weft-main-'));
    dirs.push(dataDir);
    const child = startMain([], { PORT: '0', WEFT_DATA_DIR: dataDir, WEFT_LOG_LEVEL: 'warn', WEFT_WEB: 'off' });
    try {
      const url = await waitForUrl(child, 50_000);
      expect(child.output()).toContain('embedded database');
      expect(child.output()).toContain('builder: off (WEFT_WEB=off: API only)');
      const health = await fetch(`${url}/health`);
      expect(await health.json()).toEqual({ status: 'ok', db: 'ok', redis: 'absent' });
      const ui = await fetch(`${url}/`);
      expect(ui.status).toBe(404);
      expect(await ui.json()).toMatchObject({ code: 'not_found' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await child.exited).toBe(0);
    expect(child.output()).toContain('SIGTERM: finishing requests in flight');
  }, 60_000);

  it('stops with exit code 1 and says why when the embedded database process dies under it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'weft-main-'));
    dirs.push(dataDir);
    const child = startMain([], { PORT: '0', WEFT_DATA_DIR: dataDir, WEFT_LOG_LEVEL: 'warn', WEFT_WEB: 'off' });
    try {
      await waitForUrl(child, 50_000);
      const tasks = await readdir(`/proc/${child.pid}/task`);
      const children = (await Promise.all(tasks.map((tid) => readFile(`/proc/${child.pid}/task/${tid}/children`, 'utf8'))))
        .flatMap((list) => list.split(' ').filter((entry) => entry.trim() !== ''))
        .map(Number);
      const commands = await Promise.all(children.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8')));
      const database = children.filter((_, index) => commands[index]?.includes('child-main'));
      expect(database).toHaveLength(1); // (the other child, if any, is tsx's esbuild service)
      process.kill(database[0]!, 'SIGKILL');
      expect(await child.exited).toBe(1);
      expect(child.output()).toMatch(/embedded database process \(pid \d+\) exited unexpectedly \(SIGKILL\)/);
      expect(child.output()).toContain('weft cannot serve without its database: stopping');
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('refuses server mode without DATABASE_URL and REDIS_URL, naming both', async () => {
    const child = startMain(['--server'], { PORT: '0', WEFT_DATA_DIR: join(tmpdir(), 'weft-main-never-created') });
    expect(await child.exited).toBe(1);
    expect(child.output()).toContain('[server_mode_config] Server mode needs DATABASE_URL and REDIS_URL');
  }, 30_000);

  it('rejects an invalid environment with the variable and what to fix', async () => {
    const child = startMain([], { PORT: 'not-a-port', DATABASE_URL: 'mysql://x', WEFT_WEB: 'maybe' });
    expect(await child.exited).toBe(1);
    expect(child.output()).toMatch(/weft could not start: Invalid environment:\n.*PORT[\s\S]*DATABASE_URL: must start with postgres:\/\//);
    expect(child.output()).toMatch(/WEFT_WEB: .*"on"/);
    expect(child.output()).not.toContain('    at '); // a readable list, not a stack trace
  }, 30_000);
});
