export { openDatabase, openDatabaseOptionsSchema, type Database, type EmbeddedSql, type OpenDatabaseOptions } from './open-database';
export {
  applyMigrations,
  prismaMigrationsTableDdl,
  type ApplyMigrationsOptions,
  type ApplyMigrationsResult,
} from './apply-migrations';
export { readMigrations, defaultMigrationsDir, type LocalMigration } from './read-migrations';
export { pgliteConnection, postgresConnection, type SqlConnection } from './sql-connection';
export { DbError, isDbError, dbErrorCodes, type DbErrorCode } from './db-error';
export { isUniqueViolation } from './is-unique-violation';
export * from './generated/prisma/client';
