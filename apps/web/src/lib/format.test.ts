import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration } from './format';

describe('formatDuration', () => {
  it('picks the unit by size', () => {
    expect(formatDuration(840.4)).toBe('840 ms');
    expect(formatDuration(2_440)).toBe('2.4 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
  });
  it('shows a dash when there is no duration', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('reads the ISO strings the API sends and rejects garbage', () => {
    expect(formatDateTime('2026-01-05T15:04:00Z')).toMatch(/2026/);
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
  });
});
