// Prisma CLI configuration for machines that can reach Prisma's engine host (e.g. `prisma migrate deploy`,
// `prisma migrate status`). weft itself never needs it at run time: @weft/db applies prisma/migrations on open.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
