import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';
import { hashApiKey } from '../runtime/hash-api-key';
import type { AppServices } from './app-services';
import { entityIdSchema, type AppAccess } from './members-access';

type Services = Pick<AppServices, 'prisma' | 'bus'>;

export const createApiKeyInputSchema = z.object({ name: z.string().trim().max(100, 'must be at most 100 characters').default('') });
export const revokeApiKeyInputSchema = z.object({ keyId: entityIdSchema });

/** Characters of the key kept visible (`app-` and four random ones), enough to tell keys apart. */
const visiblePrefixLength = 8;

export interface ApiKeyView {
  id: string;
  name: string;
  /** e.g. `app-Xy3q`; the rest of the key is never shown again. */
  prefix: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

const viewSelect = { id: true, name: true, prefix: true, lastUsedAt: true, revokedAt: true, createdAt: true } as const;

/** Dify-style app key: `app-` + 192 random bits. Only its SHA-256 and visible prefix are stored. */
export async function createApiKey(
  services: Services,
  access: AppAccess,
  input: z.infer<typeof createApiKeyInputSchema>,
): Promise<ApiKeyView & { key: string }> {
  const key = `app-${randomBytes(24).toString('base64url')}`;
  const row = await services.prisma.apiKey.create({
    data: { appId: access.appId, keyHash: hashApiKey(key), prefix: key.slice(0, visiblePrefixLength), name: input.name, createdById: access.userId },
    select: viewSelect,
  });
  return { ...row, key };
}

export async function listApiKeys(services: Services, access: AppAccess): Promise<ApiKeyView[]> {
  return services.prisma.apiKey.findMany({ where: { appId: access.appId }, select: viewSelect, orderBy: { createdAt: 'desc' } });
}

/** Revokes at once in every API process (the bus drops the cached key). Revoking twice keeps the first time. */
export async function revokeApiKey(services: Services, access: AppAccess, input: z.infer<typeof revokeApiKeyInputSchema>): Promise<ApiKeyView> {
  const existing = await services.prisma.apiKey.findFirst({ where: { id: input.keyId, appId: access.appId }, select: { id: true, keyHash: true } });
  if (!existing) throw new AppError('not_found', `API key "${input.keyId}" does not belong to this app. List the app's keys to get their ids.`);
  await services.prisma.apiKey.updateMany({ where: { id: existing.id, revokedAt: null }, data: { revokedAt: new Date() } });
  await services.bus.publish({ type: 'api-key-revoked', apiKeyId: existing.id, keyHash: existing.keyHash });
  return services.prisma.apiKey.findUniqueOrThrow({ where: { id: existing.id }, select: viewSelect });
}
