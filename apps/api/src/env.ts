import { z } from 'zod';

/**
 * The environment, parsed once. Nothing else in weft reads `process.env` (the linter enforces it for packages);
 * everything below receives these values as arguments.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Absent → the embedded PGlite database under WEFT_DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  /** Absent → in-process cache, rate limits and queues (embedded mode). */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  QDRANT_URL: z.string().url().optional(),
  QDRANT_API_KEY: z.string().min(1).optional(),
  /**
   * Where knowledge-base vectors live. `auto`: Qdrant when QDRANT_URL is set, else the embedded database (no
   * DATABASE_URL) or pgvector on DATABASE_URL. `embedded`: a PGlite store under WEFT_DATA_DIR/vectors (one process).
   */
  WEFT_VECTOR_STORE: z.enum(['auto', 'embedded', 'pgvector', 'qdrant']).default('auto'),
  /** Server mode: `off` makes this process only enqueue document ingestion (another process runs the worker). */
  WEFT_INGEST_WORKER: z.enum(['on', 'off']).default('on'),
  WEFT_DATA_DIR: z.string().default('./.weft'),
  /** The embedded database's shared_buffers (most of its memory), e.g. `16MB`, `128MB`. Absent → 32MB. */
  WEFT_DB_SHARED_BUFFERS: z.string().regex(/^[1-9][0-9]*(kB|MB|GB)$/, 'a size with a unit, like 32MB').optional(),
  /** 32-byte key (hex or base64) encrypting provider secrets at rest. Absent → generated once into the data dir. */
  WEFT_SECRET_KEY: z.string().optional(),
  WEFT_PUBLIC_URL: z.string().url().optional(),
  WEFT_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  WEFT_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(15 * 1_048_576),
  WEFT_MAX_CONCURRENT_RUNS_PER_APP: z.coerce.number().int().positive().default(50),
  /**
   * The builder UI on the same port: `on` (the production build in apps/web/.next, built on first start when
   * missing or stale), `dev` (Next's dev server: compile on request, hot reload), `off` (API only).
   */
  WEFT_WEB: z.enum(['on', 'off', 'dev']).default('on'),
  WEFT_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

/** Parses an environment record; throws one readable error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${lines.join('\n')}\nFix these variables and start again.`);
}

export function loadEnv(): Env {
  return parseEnv(process.env);
}
