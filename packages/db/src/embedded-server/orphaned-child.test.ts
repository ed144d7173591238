import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../open-database';
import { isAlive } from './test-support/is-alive';

const script = fileURLToPath(new URL('./test-support/open-and-wait.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

// SIGKILL gives the parent no chance to close anything: the child must notice its IPC channel closing, close the
// database and release the lock by itself, so the next start is not refused.
describe('the embedded database process when its parent is killed', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'weft-orphan-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exits, releases the data directory lock, and lets the next open succeed', async () => {
    const parent = spawn(process.execPath, ['--import', tsx, script, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      parent.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
      parent.once('exit', (code) => reject(new Error(`the opener exited (${code}) before opening`)));
    });
    const lockPath = join(dataDir, 'db.lock');
    const childPid = Number(await readFile(lockPath, 'utf8'));
    expect(childPid).not.toBe(parent.pid);
    expect(isAlive(childPid)).toBe(true);

    parent.kill('SIGKILL');
    await exited;

    expect(await waitFor(() => !isAlive(childPid), 10_000)).toBe(true);
    expect(existsSync(lockPath)).toBe(false);
    const started = Date.now();
    const database = await openDatabase({ dataDir, migrate: false });
    try {
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await database.embeddedSql!.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  }, 60_000);
});
