import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DbError } from './db-error';

/** The repository's `prisma/migrations` folder. */
export const defaultMigrationsDir = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

export interface LocalMigration {
  /** The folder name, e.g. `20260101000000_init`: what Prisma records as `migration_name`. */
  name: string;
  sql: string;
  /** SHA-256 (hex) of migration.sql's bytes, the checksum Prisma records. */
  checksum: string;
}

/** Reads `<dir>/<name>/migration.sql` for every migration folder, in Prisma's order (by folder name). */
export async function readMigrations(dir: string = defaultMigrationsDir): Promise<LocalMigration[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new DbError({
      code: 'migrations_not_found',
      message: `No migrations folder at ${dir}. Pass migrationsDir, or write the first migration with \`npm run db:diff -- init\`.`,
      cause: error,
    });
  }
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name, 'migration.sql');
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        throw new DbError({
          code: 'migrations_not_found',
          message: `Migration folder ${name} has no migration.sql (${file}). Delete the folder or restore the file.`,
          migrationName: name,
          cause: error,
        });
      }
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}
