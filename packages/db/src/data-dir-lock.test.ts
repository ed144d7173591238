import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock';

function startIdleProcess() {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
}

describe('lockDataDir', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'weft-lock-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lets one opener in, refuses a second one in the same process, and frees the directory on release', async () => {
    const lockPath = join(dir, 'same-process.lock');
    const release = await lockDataDir(lockPath, 'db-dir');
    expect(await readFile(lockPath, 'utf8')).toBe(String(process.pid));
    await expect(lockDataDir(lockPath, 'db-dir')).rejects.toMatchObject({
      code: 'pglite_open_failed',
      message: expect.stringContaining('in use by this process already'),
    });
    await release();
    expect(existsSync(lockPath)).toBe(false);
    const again = await lockDataDir(lockPath, 'db-dir');
    await again();
  });

  it('refuses while another live process holds the directory', async () => {
    const lockPath = join(dir, 'other-process.lock');
    const other = startIdleProcess();
    try {
      await writeFile(lockPath, String(other.pid));
      await expect(lockDataDir(lockPath, 'db-dir')).rejects.toThrow(`in use by process ${other.pid}`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock naming our own pid that this process never took (a restarted container reuses pids)', async () => {
    const lockPath = join(dir, 'reused-pid.lock');
    await writeFile(lockPath, String(process.pid));
    const release = await lockDataDir(lockPath, 'db-dir');
    await expect(lockDataDir(lockPath, 'db-dir')).rejects.toThrow('in use by this process already');
    await release();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const lockPath = join(dir, 'stale.lock');
    const gone = startIdleProcess();
    await new Promise((resolve) => {
      gone.on('exit', resolve);
      gone.kill();
    });
    await writeFile(lockPath, String(gone.pid));
    const release = await lockDataDir(lockPath, 'db-dir');
    expect(await readFile(lockPath, 'utf8')).toBe(String(process.pid));
    await release();
  });
});
