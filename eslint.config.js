// @ts-check
import tseslint from 'typescript-eslint';

/** Packages below apps/ must never reach back into apps, the database client or the environment. */
const packageBoundaries = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['**/apps/**', '@weft/api', '@weft/api/*', '@weft/web', '@weft/web/*'], message: 'Packages never import from apps/: arrows point web → api → packages.' },
        { group: ['@prisma/*', 'prisma', '.prisma/*'], message: 'Only apps/api talks to the database; pass what you need in through ctx.' },
      ],
    },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'process', property: 'env', message: 'Packages do not read the environment: take configuration as an argument (apps/api/src/env.ts parses it once).' },
  ],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.next/**', '**/dist/**', '.weft/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/workflow-engine/src/**/*.ts', 'packages/llm-gateway/src/**/*.ts', 'packages/knowledge/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: packageBoundaries,
  },
  {
    // The engine's core (spec, runtime, nodes) is pure: no I/O clients at all; Redis lives in cache/redis only.
    files: ['packages/workflow-engine/src/spec/**/*.ts', 'packages/workflow-engine/src/runtime/**/*.ts', 'packages/workflow-engine/src/nodes/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**', '@weft/api', '@weft/api/*'], message: 'The engine never imports from apps/.' },
            { group: ['@prisma/*', 'prisma'], message: 'The engine never talks to the database.' },
            { group: ['ioredis', 'node:http', 'node:https', 'node:net', 'openai'], message: 'The engine core does no I/O: dependencies come in through ctx.' },
            { group: ['@weft/llm-gateway/*', '!@weft/llm-gateway/spec'], message: 'The engine uses only the gateway contract (@weft/llm-gateway/spec).' },
          ],
          paths: [{ name: '@weft/llm-gateway', message: 'The engine uses only the gateway contract (@weft/llm-gateway/spec).' }],
        },
      ],
      'no-restricted-properties': packageBoundaries['no-restricted-properties'],
    },
  },
);
