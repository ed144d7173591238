import { describe, expect, it } from 'vitest';
import { nodeSettingsSchema } from '@weft/workflow-engine/spec';
import { nextCacheSetting, readSettingsDraft, writeSettings } from './settings-draft';

describe('settings draft', () => {
  it('reads unset settings as defaults and keeps the type config when writing', () => {
    expect(readSettingsDraft({ answer: 'x' })).toEqual({ errorStrategy: 'none', retry: undefined, defaultValue: undefined, timeoutMs: undefined, cache: undefined });
    const written = writeSettings({ answer: 'x' }, { retry: { maxRetries: 2, intervalMs: 500 }, cache: { enabled: false, ttlSeconds: 60 }, timeoutMs: 3000 });
    expect(written).toEqual({ answer: 'x', retry: { maxRetries: 2, intervalMs: 500 }, cache: { enabled: false, ttlSeconds: 60 }, timeoutMs: 3000 });
    expect(nodeSettingsSchema.parse(written)).toMatchObject({ retry: { maxRetries: 2 }, cache: { enabled: false, ttlSeconds: 60 }, timeoutMs: 3000 });
  });

  it('removes settings set back to unset, and the default value with its strategy', () => {
    const withDefault = writeSettings({}, { errorStrategy: 'default-value', defaultValue: { text: 'sorry' } });
    expect(withDefault).toEqual({ errorStrategy: 'default-value', defaultValue: { text: 'sorry' } });
    expect(writeSettings(withDefault, { errorStrategy: 'fail-branch' })).toEqual({ errorStrategy: 'fail-branch' });
    expect(writeSettings({ retry: { maxRetries: 1, intervalMs: 1 }, timeoutMs: 5 }, { retry: undefined, timeoutMs: undefined, errorStrategy: 'none' })).toEqual({});
  });

  it('keeps the cache setting minimal: unset while it is on with the default TTL', () => {
    expect(nextCacheSetting(undefined, { ttlSeconds: 60 })).toEqual({ enabled: true, ttlSeconds: 60 });
    expect(nextCacheSetting({ enabled: true, ttlSeconds: 60 }, { enabled: false })).toEqual({ enabled: false, ttlSeconds: 60 });
    expect(nextCacheSetting({ enabled: false, ttlSeconds: 60 }, { enabled: true })).toEqual({ enabled: true, ttlSeconds: 60 });
    expect(nextCacheSetting({ enabled: true, ttlSeconds: 60 }, { ttlSeconds: undefined })).toBeUndefined();
    expect(nextCacheSetting(undefined, { enabled: false })).toEqual({ enabled: false });
    expect(nextCacheSetting({ enabled: false }, { enabled: true })).toBeUndefined();
    const saved = writeSettings({ answer: 'x' }, { cache: nextCacheSetting(undefined, { enabled: false }) });
    expect(nodeSettingsSchema.parse(saved).cache).toEqual({ enabled: false });
  });
});
