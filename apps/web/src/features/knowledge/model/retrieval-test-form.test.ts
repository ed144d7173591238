import { describe, expect, it } from 'vitest';
import { defaultRetrievalTestForm, formatScore, toRetrievalTestInput } from './retrieval-test-form';

describe('toRetrievalTestInput', () => {
  it('trims the query and leaves an empty threshold out', () => {
    expect(toRetrievalTestInput('kb_1', { ...defaultRetrievalTestForm, query: '  refund policy ' })).toEqual({
      ok: true,
      input: { knowledgeBaseId: 'kb_1', query: 'refund policy', mode: 'hybrid', topK: 4 },
    });
    expect(toRetrievalTestInput('kb_1', { query: 'q', mode: 'keyword', topK: 10, scoreThreshold: '0.5' })).toMatchObject({ ok: true, input: { scoreThreshold: 0.5, mode: 'keyword', topK: 10 } });
  });

  it('says what is wrong with each field', () => {
    const result = toRetrievalTestInput('kb_1', { query: '   ', mode: 'vector', topK: 0, scoreThreshold: '1.5' });
    expect(result).toEqual({
      ok: false,
      problems: { query: 'Type a question or some words to search for.', topK: 'Top K is at least 1.', scoreThreshold: 'The minimum score is at most 1.' },
    });
    expect(toRetrievalTestInput('kb_1', { query: 'q', mode: 'vector', topK: Number.NaN, scoreThreshold: 'abc' })).toMatchObject({
      ok: false,
      problems: { topK: expect.stringMatching(/1–50/), scoreThreshold: expect.stringMatching(/between 0 and 1/) },
    });
  });

  it('formats scores', () => {
    expect(formatScore(0.8234)).toBe('0.82');
    expect(formatScore(Number.NaN)).toBe('—');
  });
});
