import { mkdtemp, rm, stat } from 'node:fs/promises';
import { unusedPort } from '@weft/testkit';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { createTestLogger } from '../test-support/test-logger';
import { createAppServices, StartupError } from './app-services';

describe('createAppServices on the embedded default', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('opens a migrated PGlite under the data dir, generates the secret key there, and closes idempotently', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'weft-services-'));
    dirs.push(dataDir);
    const { logger } = createTestLogger();
    const services = await createAppServices(parseEnv({ WEFT_DATA_DIR: dataDir }), { logger });
    try {
      expect(services.dbKind).toBe('pglite');
      expect(services.redis).toBeUndefined();
      expect(services.dataDir).toBe(dataDir);
      expect(await services.prisma.workspace.count()).toBe(0); // the schema exists: migrations ran
      expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
      expect(services.secrets.decrypt(services.secrets.encrypt('sk-x'))).toBe('sk-x');
      // The real run service is wired: an unknown app is a typed 404, not a crash.
      await expect(services.runs.start({ appId: 'missing', source: 'api', target: 'published', inputs: {}, user: 'u' })).rejects.toMatchObject({
        code: 'app_not_found',
      });
    } finally {
      await Promise.all([services.close(), services.close()]);
    }
    await expect(services.prisma.workspace.count()).rejects.toThrow();
  });

  it('fails fast with redis_unreachable when REDIS_URL does not answer, before opening the database', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'weft-services-')), 'data');
    dirs.push(dataDir);
    const port = await unusedPort();
    const { logger } = createTestLogger({ print: false });
    const startedAt = Date.now();
    const started = createAppServices(parseEnv({ WEFT_DATA_DIR: dataDir, REDIS_URL: `redis://127.0.0.1:${port}` }), { logger });
    await expect(started).rejects.toBeInstanceOf(StartupError);
    await expect(started).rejects.toMatchObject({ code: 'redis_unreachable', message: expect.stringContaining('REDIS_URL') });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    await expect(stat(join(dataDir, 'db'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

