// npm run db:diff -- <name>     writes prisma/migrations/<timestamp>_<name>/migration.sql: applied → schema.prisma
// npm run db:diff -- --check    exits 1 (and prints the SQL) when schema.prisma has changes no migration holds
import { fileURLToPath } from 'node:url';
import { listMigrations, nextMigrationName, writeMigration } from './migration-folder';
import { emptyMigrationMarker, prismaMigrateDiff } from './prisma-migrate-diff';

const schemaPath = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));
const migrationsDir = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

async function main(args: string[]): Promise<number> {
  const check = args.includes('--check');
  const name = args.find((arg) => !arg.startsWith('--'));
  if (!check && name === undefined) {
    console.error('Usage: npm run db:diff -- <migration_name>   (or -- --check)');
    return 2;
  }
  const existing = await listMigrations(migrationsDir);
  const sql = await prismaMigrateDiff({ migrationsDir: existing.length > 0 ? migrationsDir : null, schemaPath });
  if (sql.includes(emptyMigrationMarker)) {
    console.log(`prisma/schema.prisma matches the ${existing.length} migration(s): nothing to write.`);
    return 0;
  }
  if (check) {
    console.error(`${sql}\nprisma/schema.prisma has changes no migration holds: run \`npm run db:diff -- <name>\`.`);
    return 1;
  }
  const file = await writeMigration(migrationsDir, nextMigrationName(name ?? '', existing), sql);
  console.log(`Wrote ${file}. Review it, then commit it with the schema change.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
