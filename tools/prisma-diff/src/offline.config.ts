// Prisma 6 CLI configuration used only by this tool: the wasm schema engine ("js") over in-memory PGlite, so
// `prisma migrate diff` runs where Prisma's native engines cannot be downloaded.
import { defineConfig } from 'prisma/config';
import { offlineAdapterFactory } from './offline-adapter';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => offlineAdapterFactory(),
});
