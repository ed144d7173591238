import { describe, expect, it } from 'vitest';
import { nodeSettingsSchema } from '@weft/workflow-engine/spec';
import { readSettingsDraft, writeSettings } from './settings-draft';

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
});
