import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebHandler, webAppDir } from '@weft/web/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type RouteHandler } from './server';
import { createTestServices, serviceProbes, type TestServices } from './test-support/test-services';
import { fetchJson } from './test-support/http';

/** Whether apps/web/.next holds a build (CI builds it before the tests, so there a missing build is a failure). */
const webBuilt = existsSync(join(webAppDir, '.next', 'BUILD_ID'));
if (!webBuilt && process.env.CI) throw new Error('CI runs `npm run build:web` before the tests, but apps/web/.next is missing.');
if (!webBuilt) console.warn('SKIPPED: the builder UI tests against the real build (run `npm run build:web` to include them).');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('createHttpServer with the builder UI mounted', () => {
  let services: TestServices;
  let emptyDir: string;
  const servers: Server[] = [];
  beforeAll(async () => {
    services = await createTestServices({ db: serviceProbes.postgres.ok ? 'postgres' : 'pglite' });
    emptyDir = await mkdtemp(join(tmpdir(), 'weft-web-unbuilt-'));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map(close));
    await services?.close();
    await rm(emptyDir, { recursive: true, force: true });
  });

  async function start(web: RouteHandler | undefined): Promise<string> {
    const server = createHttpServer(services, { web });
    servers.push(server);
    return listen(server);
  }

  it('answers the UI paths with a 503 that says how to build it when the build is missing; API routes still answer', async () => {
    const url = await start(createWebHandler({ dir: emptyDir }));
    for (const path of ['/', '/apps/some-app', '/setup?next=%2Fapps']) {
      const page = await fetch(`${url}${path}`);
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toContain('text/plain');
      expect(await page.text()).toContain('Run `npm run build:web` and restart');
    }
    expect(await fetchJson(`${url}/health`)).toMatchObject({ status: 200, body: { status: 'ok', db: 'ok' } });
    expect(await fetchJson(`${url}/trpc/auth.status`)).toMatchObject({ status: 200, body: { result: { data: { needsSetup: true } } } });
    expect(await fetchJson(`${url}/v1/info`)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
  });

  it('without a UI (WEFT_WEB=off) answers other paths with the JSON 404 that lists the endpoints', async () => {
    const url = await start(undefined);
    const answer = await fetchJson(`${url}/`);
    expect(answer).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it.skipIf(!webBuilt)(
    'serves the built UI on the same port: pages and their assets from Next, /trpc /v1 /health from the API',
    async () => {
      const url = await start(createWebHandler());
      const setup = await fetch(`${url}/setup`);
      expect(setup.status).toBe(200);
      expect(setup.headers.get('content-type')).toContain('text/html');
      const html = await setup.text();
      expect(html).toContain('data-testid="setup-submit"');
      const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script, 'the page references its JavaScript under /_next/static').toBeDefined();
      const asset = await fetch(`${url}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toContain('javascript');

      expect(await fetchJson(`${url}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect(await fetchJson(`${url}/trpc/auth.status`)).toMatchObject({ status: 200, body: { result: { data: { needsSetup: true } } } });
      expect(await fetchJson(`${url}/v1/info`)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    },
    60_000,
  );
});
