import { z } from 'zod';
import { isUniqueViolation, type Prisma, type ProviderCredential } from '@weft/db';
import { providerLimitsSchema } from '@weft/llm-gateway/spec';
import { AppError } from '../errors';
import { openProviderSecret, sealProviderSecret } from '../runtime/provider-secret';
import { uuidV7 } from '../runtime/uuid-v7';
import type { AppServices } from './app-services';
import { entityIdSchema, type WorkspaceAccess } from './members-access';

type Services = Pick<AppServices, 'prisma' | 'bus' | 'secrets'>;

const providerNameSchema = z
  .string()
  .trim()
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, - and _ (it becomes the "<name>:" of model ids)');
const baseUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api.openai.com/v1 or http://localhost:11434/v1' });
const apiKeySchema = z.string().trim().min(1, 'is empty (leave it out when the provider needs no key)').max(1000, 'is too long');
/** Extra request headers; keep secrets in `apiKey` (headers are stored unencrypted). */
const headersSchema = z.record(z.string().min(1).max(100), z.string().max(2000)).refine((headers) => Object.keys(headers).length <= 20, 'at most 20 headers');

export const createProviderInputSchema = z.object({
  name: providerNameSchema,
  kind: z.enum(['openai', 'local']),
  baseUrl: baseUrlSchema.optional(),
  apiKey: apiKeySchema.optional(),
  headers: headersSchema.default({}),
  limits: providerLimitsSchema.default({}),
});
export const updateProviderInputSchema = z.object({
  providerId: entityIdSchema,
  name: providerNameSchema.optional(),
  /** null removes it (the provider's default URL is used). */
  baseUrl: baseUrlSchema.nullable().optional(),
  /** Absent keeps the stored key, null removes it, a string replaces it. */
  apiKey: apiKeySchema.nullable().optional(),
  headers: headersSchema.optional(),
  limits: providerLimitsSchema.optional(),
});
export const providerIdInputSchema = z.object({ providerId: entityIdSchema });

/** A provider as the builder sees it: never the secret, only whether there is one and a masked hint. */
export interface ProviderView {
  id: string;
  name: string;
  kind: 'openai' | 'local';
  baseUrl: string | null;
  headerNames: string[];
  limits: Record<string, unknown>;
  hasApiKey: boolean;
  /** e.g. `sk-…w9Xz`; `unreadable` when the key was stored under another secret key (re-enter it). */
  apiKeyHint: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function maskSecret(secret: string): string {
  return secret.length >= 12 ? `${secret.slice(0, 3)}…${secret.slice(-4)}` : '…';
}

function toView(services: Services, row: ProviderCredential): ProviderView {
  let apiKeyHint: string | null = null;
  try {
    const secret = openProviderSecret(services.secrets, row);
    apiKeyHint = secret === undefined ? null : maskSecret(secret);
  } catch {
    apiKeyHint = 'unreadable';
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.baseUrl,
    headerNames: Object.keys((row.headers ?? {}) as Record<string, unknown>),
    limits: (row.limits ?? {}) as Record<string, unknown>,
    hasApiKey: row.encryptedSecret !== null && row.encryptedSecret.length > 0,
    apiKeyHint,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function duplicateName(name: string, cause: unknown): AppError {
  return new AppError('already_exists', `This workspace already has a provider named "${name}"; pick another name (model ids are "<name>:<model>").`, { cause });
}

export async function findProvider(services: Pick<AppServices, 'prisma'>, access: WorkspaceAccess, providerId: string): Promise<ProviderCredential> {
  const row = await services.prisma.providerCredential.findFirst({ where: { id: providerId, workspaceId: access.workspaceId } });
  if (!row) throw new AppError('not_found', `Provider "${providerId}" does not exist in this workspace. List the providers to get their ids.`);
  return row;
}

export async function listProviders(services: Services, access: WorkspaceAccess): Promise<ProviderView[]> {
  const rows = await services.prisma.providerCredential.findMany({ where: { workspaceId: access.workspaceId }, orderBy: { name: 'asc' } });
  return rows.map((row) => toView(services, row));
}

/** Stores the API key encrypted (bound to the row id) and tells every API process to rebuild the workspace's models. */
export async function createProvider(services: Services, access: WorkspaceAccess, input: z.infer<typeof createProviderInputSchema>): Promise<ProviderView> {
  const id = uuidV7();
  try {
    const row = await services.prisma.providerCredential.create({
      data: {
        id,
        workspaceId: access.workspaceId,
        name: input.name,
        kind: input.kind,
        baseUrl: input.baseUrl ?? null,
        encryptedSecret: input.apiKey === undefined ? null : sealProviderSecret(services.secrets, id, input.apiKey),
        headers: input.headers,
        limits: input.limits as Prisma.InputJsonObject,
      },
    });
    await services.bus.publish({ type: 'credentials-changed', workspaceId: access.workspaceId });
    return toView(services, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(input.name, error);
    throw error;
  }
}

export async function updateProvider(services: Services, access: WorkspaceAccess, input: z.infer<typeof updateProviderInputSchema>): Promise<ProviderView> {
  const existing = await findProvider(services, access, input.providerId);
  const data: Prisma.ProviderCredentialUpdateInput = {};
  if (input.name !== undefined) data.name = input.name;
  if (input.baseUrl !== undefined) data.baseUrl = input.baseUrl;
  if (input.apiKey !== undefined) data.encryptedSecret = input.apiKey === null ? null : sealProviderSecret(services.secrets, existing.id, input.apiKey);
  if (input.headers !== undefined) data.headers = input.headers;
  if (input.limits !== undefined) data.limits = input.limits as Prisma.InputJsonObject;
  try {
    const row = await services.prisma.providerCredential.update({ where: { id: existing.id }, data });
    await services.bus.publish({ type: 'credentials-changed', workspaceId: access.workspaceId });
    return toView(services, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(input.name ?? existing.name, error);
    throw error;
  }
}

export async function deleteProvider(services: Services, access: WorkspaceAccess, input: z.infer<typeof providerIdInputSchema>): Promise<{ id: string }> {
  const existing = await findProvider(services, access, input.providerId);
  await services.prisma.providerCredential.delete({ where: { id: existing.id } });
  await services.bus.publish({ type: 'credentials-changed', workspaceId: access.workspaceId });
  return { id: existing.id };
}
