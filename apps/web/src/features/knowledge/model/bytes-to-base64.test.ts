import { describe, expect, it } from 'vitest';
import { bytesToBase64, fileToBase64 } from './bytes-to-base64';

describe('bytesToBase64', () => {
  it('matches Node for text, binary and inputs longer than one slice', async () => {
    const text = new TextEncoder().encode('héllo, wörld ✓');
    expect(bytesToBase64(text)).toBe(Buffer.from(text).toString('base64'));
    const large = Uint8Array.from({ length: 100_001 }, (_, index) => (index * 31) % 256);
    expect(bytesToBase64(large)).toBe(Buffer.from(large).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
    expect(await fileToBase64(new Blob([large]))).toBe(Buffer.from(large).toString('base64'));
  });
});
