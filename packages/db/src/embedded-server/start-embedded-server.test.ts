import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer } from './start-embedded-server';
import { isAlive } from './test-support/is-alive';

describe('startEmbeddedServer', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'weft-server-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the database on a private unix socket, one connection at a time, and cleans up on close', async () => {
    const server = await startEmbeddedServer({ dir: join(dataDir, 'db'), sharedBuffers: '16MB' });
    const { host } = server.connection;
    expect(host.length + '/.s.PGSQL.5432'.length).toBeLessThan(104);
    expect((await stat(host)).mode & 0o777).toBe(0o700);
    const first = new pg.Client(server.connection);
    await first.connect();
    try {
      expect((await first.query<{ v: string }>(`SELECT '[1,2,3]'::vector::text AS v`)).rows).toEqual([{ v: '[1,2,3]' }]);
      // A second session would share PGlite's one backend (and the first one's transactions): it is turned away.
      const second = new pg.Client(server.connection);
      second.on('error', () => undefined);
      await expect(second.connect().then(() => second.query('SELECT 1'))).rejects.toThrow();
      await second.end().catch(() => undefined);
    } finally {
      await first.end();
    }
    await Promise.all([server.close(), server.close()]);
    expect(isAlive(server.pid)).toBe(false);
    expect(existsSync(host)).toBe(false);
    expect(existsSync(join(dataDir, 'db.lock'))).toBe(false);
  }, 60_000);

  it('says the database is lost when its process dies while open, and not when it is closed', async () => {
    const server = await startEmbeddedServer({ dir: join(dataDir, 'lost'), sharedBuffers: '16MB' });
    let lost: string | undefined;
    void server.lost.then((message) => (lost = message));
    process.kill(server.pid, 'SIGKILL');
    await expect(server.lost).resolves.toMatch(new RegExp(`process \\(pid ${server.pid}\\) exited unexpectedly \\(SIGKILL\\)`));
    expect(existsSync(server.connection.host)).toBe(false);
    await server.close();

    const closed = await startEmbeddedServer({ dir: join(dataDir, 'lost'), sharedBuffers: '16MB' });
    void closed.lost.then((message) => (lost = message));
    lost = undefined;
    await closed.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lost).toBeUndefined();
  }, 60_000);

  it('reports a database that cannot be opened with the code and message the child sent', async () => {
    const notADirectory = join(dataDir, 'file');
    await writeFile(notADirectory, 'x');
    await expect(startEmbeddedServer({ dir: join(notADirectory, 'db'), sharedBuffers: '16MB' })).rejects.toMatchObject({
      code: 'pglite_open_failed',
      message: expect.stringContaining('set DATABASE_URL to use PostgreSQL'),
    });
  }, 60_000);
});
