import { z } from 'zod';
import type { EmbeddingModel } from './embedding-model';
import type { LanguageModel } from './language-model';

/** Limits applied to every model of one provider by the registry's middleware. */
export const providerLimitsSchema = z.object({
  /** Requests in flight at once, per process. */
  maxConcurrency: z.number().int().positive().optional(),
  /** Requests per minute, shared across processes through Redis when a Redis client is given. */
  rpm: z.number().int().positive().optional(),
  /** Tokens per minute (input + output), shared like `rpm`. */
  tpm: z.number().int().positive().optional(),
  /** Per-call timeouts. */
  firstTokenTimeoutMs: z.number().int().positive().optional(),
  totalTimeoutMs: z.number().int().positive().optional(),
  /** Retries of retryable failures (default 2). */
  maxRetries: z.number().int().min(0).optional(),
});

/** How to reach one provider. The caller supplies it; the gateway never reads the environment. */
export const providerConfigSchema = z.object({
  /** Name used in model ids: `<name>:<model>`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
  /** `openai` speaks the OpenAI API (api.openai.com or any compatible base URL); `local` is the embedded model. */
  kind: z.enum(['openai', 'local']),
  baseURL: z.string().url().optional(),
  apiKey: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  limits: providerLimitsSchema.optional(),
  /** Price per million tokens, for cost accounting, keyed by model id. */
  pricing: z.record(z.string(), z.object({ inputPerMTok: z.number(), outputPerMTok: z.number() })).optional(),
  /** Embedding dimensions by model id, when the provider does not say. */
  embeddingDimensions: z.record(z.string(), z.number().int().positive()).optional(),
});

export type ProviderConfig = z.infer<typeof providerConfigSchema>;
export type ProviderLimits = z.infer<typeof providerLimitsSchema>;

/** Resolves `"provider:model"` ids to models. */
export interface ModelRegistry {
  /** Throws GatewayError `unknown_model` / `unknown_provider` with the configured providers listed. */
  languageModel(id: string): LanguageModel;
  embeddingModel(id: string): EmbeddingModel;
}
