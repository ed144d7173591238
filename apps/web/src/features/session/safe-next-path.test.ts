import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps paths on this site', () => {
    expect(safeNextPath('/knowledge/kb_1?tab=docs')).toBe('/knowledge/kb_1?tab=docs');
  });
  it('refuses other origins and protocol-relative or backslash tricks', () => {
    expect(safeNextPath('https://evil.example/')).toBe('/apps');
    expect(safeNextPath('//evil.example/')).toBe('/apps');
    expect(safeNextPath('/\\evil.example')).toBe('/apps');
  });
  it('does not loop back to the auth pages and falls back when absent', () => {
    expect(safeNextPath('/sign-in?next=/apps')).toBe('/apps');
    expect(safeNextPath(null, '/settings')).toBe('/settings');
  });
});
