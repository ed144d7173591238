import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrationLockToml, nextMigrationName, writeMigration } from './migration-folder';

describe('nextMigrationName', () => {
  const now = new Date('2026-03-04T05:06:07.890Z');

  it('prefixes the UTC timestamp the way prisma migrate dev does and slugs the name', () => {
    expect(nextMigrationName('Add run tags!', [], now)).toBe('20260304050607_add_run_tags');
  });

  it('always sorts after the last migration, even when the clock is behind it', () => {
    expect(nextMigrationName('next', ['20260304050607_init'], now)).toBe('20260304050608_next');
    expect(nextMigrationName('next', ['20270101000000_future'], now)).toBe('20270101000001_next');
  });

  it('refuses a name with nothing usable in it', () => {
    expect(() => nextMigrationName(' -- ', [], now)).toThrow(/add_run_tags/);
  });
});

describe('writeMigration and listMigrations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'weft-prisma-diff-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the folder and the lock file, lists folders in order, and never overwrites a migration', async () => {
    const migrations = join(dir, 'migrations');
    expect(await listMigrations(migrations)).toEqual([]);
    await writeMigration(migrations, '20260102000000_b', 'SELECT 2;');
    await writeMigration(migrations, '20260101000000_a', 'SELECT 1;');
    expect(await listMigrations(migrations)).toEqual(['20260101000000_a', '20260102000000_b']);
    expect(await readFile(join(migrations, 'migration_lock.toml'), 'utf8')).toBe(migrationLockToml);
    expect(migrationLockToml).toContain('provider = "postgresql"');
    await expect(writeMigration(migrations, '20260101000000_a', 'DROP TABLE x;')).rejects.toThrow(/EEXIST/);
    expect(await readFile(join(migrations, '20260101000000_a', 'migration.sql'), 'utf8')).toBe('SELECT 1;');
  });
});
