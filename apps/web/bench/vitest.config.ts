import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The bench's own tests (`npx vitest run -c apps/web/bench/vitest.config.ts`) until the root config includes bench folders. */
export default defineConfig({
  test: { root: fileURLToPath(new URL('.', import.meta.url)), include: ['**/*.test.ts'], testTimeout: 20_000, pool: 'forks' },
});
