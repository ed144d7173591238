// Generates the Prisma client into src/generated/prisma (git-ignored) when prisma/schema.prisma or the Prisma
// version changed since the last generation; otherwise returns at once. Run by the root `postinstall`, `pretest`
// and `prestart`, so a fresh clone works after a plain `npm install` even where install scripts are skipped.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const configPath = fileURLToPath(new URL('../../../prisma/prisma.config.ts', import.meta.url));
const schemaPath = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));
const outputDir = fileURLToPath(new URL('./generated/prisma', import.meta.url));
const stampPath = join(outputDir, '.schema-hash');

function fingerprint(): string {
  const prismaVersion = (require('prisma/package.json') as { version: string }).version;
  const clientVersion = (require('@prisma/client/package.json') as { version: string }).version;
  return createHash('sha256')
    .update(readFileSync(schemaPath))
    .update(`prisma@${prismaVersion} @prisma/client@${clientVersion}`)
    .digest('hex');
}

async function main(): Promise<void> {
  const expected = fingerprint();
  const current = existsSync(stampPath) ? readFileSync(stampPath, 'utf8').trim() : '';
  if (current === expected && existsSync(join(outputDir, 'client.ts'))) return;
  const cli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
  const started = Date.now();
  await promisify(execFile)(process.execPath, [cli, 'generate', '--config', configPath], {
    env: {
      ...process.env,
      // generate needs no schema engine; pointing at one stops the CLI from trying to download it offline.
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
  writeFileSync(stampPath, `${expected}\n`);
  console.log(`@weft/db: generated the Prisma client in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  const stderr = (error as { stderr?: string }).stderr;
  console.error(`@weft/db: prisma generate failed.\n${stderr?.trim() || String(error)}`);
  process.exit(1);
});
