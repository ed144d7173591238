#!/usr/bin/env node
// Builds the builder UI (apps/web/.next) when it is missing or stale; `npm start` calls this from `prestart`.
// Stale = the content hash of the web's sources (and the workspace packages it bundles) differs from the hash
// recorded by the last successful build. A lock directory keeps concurrent starts from building over each other.
// Usage: node apps/web/scripts/ensure-build.mjs [--force] [--check]   (--check: exit 1 if a build is needed)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = join(webDir, '..', '..');
const buildDir = join(webDir, '.next');
const stampFile = join(buildDir, 'weft-source-hash');
const lockDir = join(webDir, '.next-build.lock');
const staleLockMs = 10 * 60_000;

/** What the bundle is made of: the web's own sources and config, and the workspace packages it transpiles. */
const inputs = [
  'apps/web/src',
  'apps/web/public',
  'apps/web/next.config.ts',
  'apps/web/postcss.config.mjs',
  'apps/web/tsconfig.json',
  'apps/web/package.json',
  'packages/workflow-engine/src',
  'packages/llm-gateway/src',
  'packages/knowledge/src/spec',
];
const ignored = /(^|\/)(node_modules|\.next)(\/|$)|\.test\.tsx?$|(^|\/)test-support\//;

function listFiles(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    const child = join(path, entry.name);
    if (ignored.test(relative(repoDir, child))) return [];
    return entry.isDirectory() ? listFiles(child) : [child];
  });
}

function sourceHash() {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => listFiles(join(repoDir, input))).sort();
  for (const file of files) {
    hash.update(relative(repoDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function isFresh(hash) {
  return existsSync(join(buildDir, 'BUILD_ID')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash;
}

function acquireLock() {
  for (;;) {
    try {
      mkdirSync(lockDir);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - statSync(lockDir).mtimeMs > staleLockMs) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      process.stderr.write('weft: another process is building the web UI; waiting…\n');
      spawnSync('sleep', ['2']);
    }
  }
}

function build() {
  const nextBin = join(dirname(createRequire(join(webDir, 'package.json')).resolve('next/package.json')), 'dist', 'bin', 'next');
  process.stdout.write('weft: building the web UI (next build, ~30 s the first time)…\n');
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: webDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    process.stderr.write(`weft: the web UI build failed (exit ${result.status ?? result.signal}); see the output above.\n`);
    process.exit(1);
  }
}

const force = process.argv.includes('--force');
const checkOnly = process.argv.includes('--check');
const hash = sourceHash();
if (!force && isFresh(hash)) process.exit(0);
if (checkOnly) {
  process.stdout.write('weft: the web UI build is missing or stale.\n');
  process.exit(1);
}
acquireLock();
try {
  // Another process may have finished the same build while this one waited for the lock.
  if (force || !isFresh(hash)) {
    build();
    writeFileSync(stampFile, `${hash}\n`);
  }
} finally {
  rmSync(lockDir, { recursive: true, force: true });
}
