import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Env } from './env';
import type { RouteHandler } from './server';

/**
 * The builder UI (apps/web) for `npm start`: makes sure the production build exists and matches the sources
 * (building it the first time, or after the web's sources changed), then returns Next's handler to mount behind
 * the API routes. `WEFT_WEB=dev` runs Next's dev server instead (no build; compiles on request).
 *
 * Next is imported only here and only when the UI is on, so `WEFT_WEB=off` (API only) never loads it.
 */
export async function loadWebUi(mode: Exclude<Env['WEFT_WEB'], 'off'>, write: (text: string) => void): Promise<RouteHandler> {
  // A self-hosted server does not phone home: Next's telemetry stays off unless the operator turns it on.
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  const { createWebHandler, webAppDir } = await import('@weft/web/server');
  if (mode === 'on') ensureWebBuild(webAppDir, write);
  const handle = createWebHandler({ dev: mode === 'dev' });
  return handle;
}

/**
 * Runs apps/web/scripts/ensure-build.mjs: a content-hash check (~0.2 s) and, when stale, `next build`. A failed
 * build does not stop the API: the UI then answers 503 saying how to build it (or serves the previous build).
 */
function ensureWebBuild(webAppDir: string, write: (text: string) => void): void {
  const script = join(webAppDir, 'scripts', 'ensure-build.mjs');
  const check = spawnSync(process.execPath, [script, '--check'], { stdio: 'ignore' });
  if (check.status === 0) return;
  write('building the builder UI (first start only)…\n');
  const build = spawnSync(process.execPath, [script], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) {
    write(
      'The builder UI build failed (see above); the API starts anyway. Fix the error and run `npm run build:web`, ' +
        'or set WEFT_WEB=off to run the API only.\n',
    );
  }
}
