import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { PrismaClient, ProviderCredential } from '@weft/db';
import { createGateway, providerConfigSchema, providerLimitsSchema, type ProviderConfig, type WeftModelRegistry } from '@weft/llm-gateway';
import type { Logger } from '@weft/workflow-engine/spec';
import type { SecretBox } from '../services/secret-box';
import { openProviderSecret } from './provider-secret';

/** A workspace's model gateway, and a fingerprint of the credentials it was built from. */
export interface WorkspaceModels {
  models: WeftModelRegistry;
  /** Changes whenever a credential is added, edited or removed: part of the node cache namespace. */
  fingerprint: string;
}

export interface WorkspaceModelsCache {
  get(workspaceId: string): Promise<WorkspaceModels>;
  invalidate(workspaceId: string): void;
  clear(): void;
}

export interface WorkspaceModelsOptions {
  prisma: PrismaClient;
  secrets: SecretBox;
  redis?: Redis;
  redisPrefix: string;
  logger: Logger;
}

const headersSchema = z.record(z.string(), z.string());

/**
 * workspace → gateway over its provider credentials (decrypted once per load), cached until `credentials-changed`.
 * A credential that cannot be used (bad limits, a secret sealed under another key) is left out with a warning,
 * so one broken provider does not take down the workspace's other apps.
 */
export function createWorkspaceModelsCache(options: WorkspaceModelsOptions): WorkspaceModelsCache {
  const { prisma, secrets, redis, redisPrefix, logger } = options;
  const cache = new Map<string, Promise<WorkspaceModels>>();

  async function load(workspaceId: string): Promise<WorkspaceModels> {
    const rows = await prisma.providerCredential.findMany({ where: { workspaceId }, orderBy: { name: 'asc' } });
    const providers: ProviderConfig[] = [];
    const fingerprint = createHash('sha256');
    for (const row of rows) {
      fingerprint.update(`${row.id}:${row.updatedAt.getTime()};`);
      const config = toProviderConfig(row);
      if (config) providers.push(config);
    }
    const models = createGateway({ providers, redis, redisPrefix: `${redisPrefix}rate-limit:${workspaceId}:`, logger });
    return { models, fingerprint: `${workspaceId}:${fingerprint.digest('hex').slice(0, 16)}` };
  }

  function toProviderConfig(row: ProviderCredential): ProviderConfig | undefined {
    const skip = (reason: string) => {
      logger.warn(`provider "${row.name}" is left out of workspace ${row.workspaceId}: ${reason}`, { credentialId: row.id });
      return undefined;
    };
    let apiKey: string | undefined;
    try {
      apiKey = openProviderSecret(secrets, row);
    } catch (error) {
      return skip(`its secret cannot be decrypted (${(error as Error).message})`);
    }
    const headers = headersSchema.safeParse(row.headers);
    const limits = providerLimitsSchema.safeParse(row.limits);
    if (!headers.success) return skip('its headers are not a string map; edit the provider');
    if (!limits.success) return skip(`its limits are invalid (${limits.error.issues[0]?.message}); edit the provider`);
    const config = providerConfigSchema.safeParse({
      name: row.name,
      kind: row.kind,
      ...(row.baseUrl ? { baseURL: row.baseUrl } : {}),
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(Object.keys(headers.data).length > 0 ? { headers: headers.data } : {}),
      limits: limits.data,
    });
    if (!config.success) return skip(`it is invalid (${config.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}); edit the provider`);
    return config.data;
  }

  return {
    get(workspaceId) {
      let entry = cache.get(workspaceId);
      if (!entry) {
        entry = load(workspaceId);
        cache.set(workspaceId, entry);
        // A failed load is not cached: the next request tries again.
        entry.catch(() => {
          if (cache.get(workspaceId) === entry) cache.delete(workspaceId);
        });
      }
      return entry;
    },
    invalidate: (workspaceId) => void cache.delete(workspaceId),
    clear: () => cache.clear(),
  };
}
