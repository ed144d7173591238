import { z } from 'zod';

export const errorStrategies = ['none', 'default-value', 'fail-branch'] as const;

/** The common node settings as the panel edits them (lenient: half-typed values fall back to unset). */
export const settingsDraftSchema = z.object({
  retry: z.object({ maxRetries: z.number().catch(1), intervalMs: z.number().catch(1000) }).optional().catch(undefined),
  errorStrategy: z.enum(errorStrategies).catch('none'),
  defaultValue: z.record(z.string(), z.unknown()).optional().catch(undefined),
  timeoutMs: z.number().optional().catch(undefined),
  cache: z.object({ enabled: z.boolean().catch(true), ttlSeconds: z.number().optional().catch(undefined) }).optional().catch(undefined),
});
export type SettingsDraft = z.infer<typeof settingsDraftSchema>;

export const readSettingsDraft = (config: Record<string, unknown>): SettingsDraft => settingsDraftSchema.parse(config);

/** Writes settings into the node data, dropping keys that went back to unset so the saved JSON stays minimal. */
export function writeSettings(config: Record<string, unknown>, patch: Partial<SettingsDraft>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...config, ...patch };
  for (const key of Object.keys(patch)) if (next[key] === undefined) delete next[key];
  if (next.errorStrategy === 'none') delete next.errorStrategy;
  if (next.errorStrategy !== 'default-value') delete next.defaultValue;
  return next;
}

/**
 * The `cache` setting after the panel changes whether it is on or its TTL. Unset when it says no more than the
 * defaults (on, the store's TTL), so a node that was never configured saves no `cache` key.
 */
export function nextCacheSetting(current: SettingsDraft['cache'], change: { enabled: boolean } | { ttlSeconds: number | undefined }): SettingsDraft['cache'] {
  const enabled = 'enabled' in change ? change.enabled : (current?.enabled ?? true);
  const ttlSeconds = 'ttlSeconds' in change ? change.ttlSeconds : current?.ttlSeconds;
  if (enabled && ttlSeconds === undefined) return undefined;
  return ttlSeconds === undefined ? { enabled } : { enabled, ttlSeconds };
}
