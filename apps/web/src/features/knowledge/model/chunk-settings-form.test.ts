import { describe, expect, it } from 'vitest';
import { chunkSettingsToForm, defaultChunkSettingsForm, describeChunkSettings, formToChunkSettings } from './chunk-settings-form';

describe('chunk settings form', () => {
  it('starts from the package defaults and turns them back into the same settings', () => {
    expect(defaultChunkSettingsForm).toMatchObject({ mode: 'general', separators: '\\n\\n \\n .\\s 。 \\s', maxTokens: 500, overlapTokens: 50 });
    const result = formToChunkSettings(defaultChunkSettingsForm);
    expect(result).toEqual({ ok: true, settings: { mode: 'general', separators: ['\n\n', '\n', '. ', '。', ' '], maxTokens: 500, overlapTokens: 50 } });
  });

  it('builds parent-child settings and keeps the general fields while switching', () => {
    const form = { ...defaultChunkSettingsForm, mode: 'parent-child' as const, parentScope: 'full-doc' as const, childSeparators: '\\n', childMaxTokens: 120 };
    const result = formToChunkSettings(form);
    expect(result).toEqual({
      ok: true,
      settings: { mode: 'parent-child', parent: { scope: 'full-doc', separators: ['\n\n'], maxTokens: 1000 }, child: { separators: ['\n'], maxTokens: 120 } },
    });
    if (result.ok) expect(chunkSettingsToForm(result.settings)).toMatchObject({ mode: 'parent-child', childMaxTokens: 120, maxTokens: 500 });
  });

  it('puts each problem on its field, in words', () => {
    const result = formToChunkSettings({ ...defaultChunkSettingsForm, separators: '\\q', maxTokens: 8, overlapTokens: 10 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.separators).toMatch(/Unknown escape "\\q"/);
    expect(result.problems.maxTokens).toBe('At least 16.');
    expect(result.problems.overlapTokens).toMatch(/must be smaller than the chunk size \(8\)/);
    const empty = formToChunkSettings({ ...defaultChunkSettingsForm, mode: 'parent-child', parentSeparators: ' ', childMaxTokens: Number.NaN });
    expect(empty).toMatchObject({ ok: false, problems: { parentSeparators: expect.stringMatching(/at least one separator/), childMaxTokens: expect.any(String) } });
  });

  it('rejects children larger than their parents', () => {
    const result = formToChunkSettings({ ...defaultChunkSettingsForm, mode: 'parent-child', parentMaxTokens: 100, childMaxTokens: 300 });
    expect(result).toMatchObject({ ok: false, problems: { childMaxTokens: expect.stringMatching(/must fit in a parent \(100\)/) } });
  });

  it('reads stored settings with missing fields, and describes them in one line', () => {
    expect(chunkSettingsToForm({ mode: 'general', maxTokens: 300 })).toMatchObject({ maxTokens: 300, overlapTokens: 50 });
    expect(chunkSettingsToForm(undefined)).toEqual(defaultChunkSettingsForm);
    expect(describeChunkSettings({ mode: 'general', maxTokens: 300 })).toBe('General · 300 tokens · 50 overlap');
    expect(describeChunkSettings({ mode: 'parent-child', parent: { scope: 'full-doc' }, child: {} })).toBe('Parent-child · whole document parents · 200-token children');
  });
});
