import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const configPath = fileURLToPath(new URL('./offline.config.ts', import.meta.url));
/** What Prisma prints when both sides already agree. */
export const emptyMigrationMarker = '-- This is an empty migration.';

/** Prisma 6 still requires a `url` in the datasource, which Prisma 7 forbids: the diff runs on a copy that has one. */
export function withPlaceholderUrl(schema: string): string {
  if (/^\s*url\s*=/m.test(schema)) return schema;
  return schema.replace(/(datasource\s+\w+\s*\{)/, '$1\n  url = "postgresql://offline.invalid/weft"');
}

function prismaSixCli(): string {
  // Resolved from this tool's folder, so it is the Prisma 6 installed for the tool, not the app's Prisma 7.
  const packageJson = createRequire(import.meta.url).resolve('prisma/package.json');
  return join(dirname(packageJson), 'build', 'index.js');
}

export interface MigrateDiffInput {
  /** Folder of the migrations applied so far, or null to diff from an empty database. */
  migrationsDir: string | null;
  schemaPath: string;
}

/** Runs `prisma migrate diff --script` offline: applied migrations (replayed on a shadow PGlite) → the schema. */
export async function prismaMigrateDiff({ migrationsDir, schemaPath }: MigrateDiffInput): Promise<string> {
  const workDir = await mkdtemp(join(tmpdir(), 'weft-prisma-diff-'));
  try {
    const schemaCopy = join(workDir, 'schema.prisma');
    await writeFile(schemaCopy, withPlaceholderUrl(await readFile(schemaPath, 'utf8')));
    const from = migrationsDir === null ? ['--from-empty'] : ['--from-migrations', migrationsDir];
    const args = ['migrate', 'diff', '--config', configPath, ...from, '--to-schema-datamodel', schemaCopy, '--script'];
    const { stdout } = await run(process.execPath, [prismaSixCli(), ...args], {
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        // Point Prisma at "engines" it never runs, so it does not try to download them (no network here).
        PRISMA_QUERY_ENGINE_LIBRARY: '/bin/false',
        PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`prisma migrate diff failed:\n${stderr.trim() || String(error)}`, { cause: error });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
