import { z } from 'zod';
import { createModelRegistry, isGatewayError, providerConfigSchema, type ProviderConfig } from '@weft/llm-gateway';
import { AppError } from '../errors';
import { openProviderSecret } from '../runtime/provider-secret';
import type { AppServices } from './app-services';
import { entityIdSchema, type WorkspaceAccess } from './members-access';
import { findProvider } from './providers-service';

type Services = Pick<AppServices, 'prisma' | 'secrets'>;

export const testConnectionInputSchema = z.object({
  providerId: entityIdSchema,
  /** A chat model the provider serves (e.g. `gpt-4o-mini`); required for OpenAI-compatible providers. */
  model: z.string().trim().min(1, 'is empty').max(200, 'is too long').optional(),
});

export type ConnectionTestResult =
  | { ok: true; model: string; latencyMs: number }
  | { ok: false; model: string | undefined; code: string; message: string; latencyMs: number };

const testTimeoutMs = 15_000;

/**
 * Calls the stored provider once, through the gateway's own provider code (no retries, no cache): a one-token chat
 * for OpenAI-compatible providers, one embedding for the local model. Failures are results, not errors: the
 * builder shows the gateway's code and message.
 */
export async function testProviderConnection(
  services: Services,
  access: WorkspaceAccess,
  input: z.infer<typeof testConnectionInputSchema>,
): Promise<ConnectionTestResult> {
  const row = await findProvider(services, access, input.providerId);
  if (row.kind === 'openai' && input.model === undefined) {
    throw new AppError('invalid_param', `Pass "model": a chat model that provider "${row.name}" serves (e.g. gpt-4o-mini, or llama3 on Ollama).`);
  }
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const model = row.kind === 'local' ? (input.model ?? 'use-lite') : input.model;
  try {
    const parsed = providerConfigSchema.safeParse({
      name: row.name,
      kind: row.kind,
      ...(row.baseUrl ? { baseURL: row.baseUrl } : {}),
      ...(row.encryptedSecret ? { apiKey: openProviderSecret(services.secrets, row) } : {}),
      headers: row.headers,
      limits: row.limits,
    });
    if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const config: ProviderConfig = parsed.data;
    const registry = createModelRegistry({ providers: [config] });
    const signal = AbortSignal.timeout(testTimeoutMs);
    if (row.kind === 'local') {
      await registry.embeddingModel(`${row.name}:${model}`).doEmbed(['weft connection test'], { signal });
    } else {
      await registry.languageModel(`${row.name}:${model}`).doGenerate({ messages: [{ role: 'user', content: 'Reply with OK.' }], maxTokens: 1, signal });
    }
    return { ok: true, model: model ?? '', latencyMs: elapsed() };
  } catch (error) {
    if (isGatewayError(error)) return { ok: false, model, code: error.code, message: error.message, latencyMs: elapsed() };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, model, code: 'invalid_config', message: `The stored provider settings cannot be used: ${message}. Edit the provider and try again.`, latencyMs: elapsed() };
  }
}
