import { describe, expect, it } from 'vitest';
import { runErrorText } from './run-error-text';

describe('runErrorText', () => {
  it('prefixes the code to the message of a stored error', () => {
    expect(runErrorText({ code: 'model_unavailable', message: 'The model did not answer.' })).toBe('[model_unavailable] The model did not answer.');
  });
  it('keeps strings, drops nothing-values and falls back to JSON', () => {
    expect(runErrorText('boom')).toBe('boom');
    expect(runErrorText(null)).toBe('');
    expect(runErrorText({ reason: 42 })).toBe('{"reason":42}');
  });
});
