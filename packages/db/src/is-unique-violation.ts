interface UniqueViolationCause {
  constraint?: { fields?: unknown; index?: unknown };
  table?: unknown;
}

interface PrismaErrorShape {
  code?: unknown;
  meta?: { target?: unknown; driverAdapterError?: { cause?: UniqueViolationCause } };
}

const unquote = (name: string) => name.replace(/^"(.*)"$/, '$1');

/**
 * True for Prisma's P2002 (unique constraint failed). With `fields` (column names), only when the violated
 * constraint is on exactly those columns (in the @@unique's order), e.g. `isUniqueViolation(error, ['appId', 'idempotencyKey'])`.
 */
export function isUniqueViolation(error: unknown, fields?: string[]): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta } = error as PrismaErrorShape;
  if (code !== 'P2002') return false;
  if (fields === undefined) return true;
  const cause = meta?.driverAdapterError?.cause;
  // The adapters disagree: PGlite reports the columns (as PostgreSQL quotes them), adapter-pg the index name.
  const reported = cause?.constraint?.fields ?? meta?.target;
  if (Array.isArray(reported)) {
    const columns = reported.map((column) => unquote(String(column)));
    return columns.length === fields.length && fields.every((field) => columns.includes(field));
  }
  const index = cause?.constraint?.index;
  // Prisma names unique indexes `<table>_<columns joined by _>_key`.
  return typeof index === 'string' && typeof cause?.table === 'string' && index === `${cause.table}_${fields.join('_')}_key`;
}
