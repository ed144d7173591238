import { describe, expect, it } from 'vitest';
import { isPreviewable, stageFiles } from './staged-files';

describe('stageFiles', () => {
  it('keeps order, lists a file once, and carries the reason a file cannot go', () => {
    const first = stageFiles([], [{ name: 'faq.md', size: 120 }, { name: 'setup.exe', size: 10 }]);
    expect(first.map((entry) => [entry.key, entry.problem])).toEqual([
      ['faq.md:120', undefined],
      ['setup.exe:10', expect.stringMatching(/unsupported file type/)],
    ]);
    const second = stageFiles(first, [{ name: 'faq.md', size: 120 }, { name: 'guide.pdf', size: 2 * 1_048_576 }], 1_048_576);
    expect(second.map((entry) => entry.key)).toEqual(['faq.md:120', 'setup.exe:10', 'guide.pdf:2097152']);
    expect(second[2]?.problem).toBe('guide.pdf is 2.0 MB; the limit is 1 MB.');
  });

  it('previews only files the browser can read as text', () => {
    expect(isPreviewable('notes.MD')).toBe(true);
    expect(isPreviewable('table.csv')).toBe(true);
    expect(isPreviewable('guide.pdf')).toBe(false);
    expect(isPreviewable('README')).toBe(false);
  });
});
