import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cacheKey, type CacheKeyParts } from './cache-key';
import { canonicalJson } from './canonical-json';

const config = { model: 'openai:gpt-4o-mini', prompt: 'Answer {{#start.q#}}', temperature: 0 };
const base: CacheKeyParts = {
  type: 'llm',
  version: 1,
  config,
  inputs: { 'start.q': 'What is the refund policy?' },
  generations: {},
};
const normalised = { normalise: true };
const exact = { normalise: false };

describe('cacheKey', () => {
  it('is a hex SHA-256', () => {
    expect(cacheKey(base, normalised)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes exactly the canonical JSON of the whole key object (the config text is reused, not changed)', () => {
    const sha = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');
    const parts = { ...base, generations: { 'knowledge-base:kb1': 3 }, namespace: 'ws_1' };
    const { type, version, inputs, generations, namespace } = parts;
    for (let run = 0; run < 2; run++) {
      expect(cacheKey(parts, exact)).toBe(sha({ type, version, config, inputs, generations, namespace }));
      expect(cacheKey(base, exact)).toBe(sha({ type: base.type, version: base.version, config, inputs: base.inputs, generations: {} }));
    }
    expect(cacheKey({ ...base, config: undefined }, exact)).toBe(sha({ type: 'llm', version: 1, inputs: base.inputs, generations: {} }));
    const frozen = Object.freeze({ ...config });
    expect(cacheKey({ ...base, config: frozen }, exact)).toBe(cacheKey(base, exact));
    expect(cacheKey({ ...base, config: frozen }, exact)).toBe(cacheKey(base, exact)); // from the kept text
  });

  it('re-reads a config that is not frozen, so changing it in place changes the key', () => {
    const mutable = { ...config };
    const before = cacheKey({ ...base, config: mutable }, exact);
    mutable.temperature = 1;
    expect(cacheKey({ ...base, config: mutable }, exact)).not.toBe(before);
  });

  it('gives one key to questions that differ only in form when normalising', () => {
    const variant = { ...base, inputs: { 'start.q': '  what is the REFUND policy ' } };
    expect(cacheKey(variant, normalised)).toBe(cacheKey(base, normalised));
    expect(cacheKey(variant, exact)).not.toBe(cacheKey(base, exact));
  });

  it('applies synonyms from the options', () => {
    const a = { ...base, inputs: { 'start.q': 'refund money please' } };
    const b = { ...base, inputs: { 'start.q': 'refund please' } };
    expect(cacheKey(a, normalised)).not.toBe(cacheKey(b, normalised));
    const synonyms = { 'refund money': 'refund' };
    expect(cacheKey(a, { normalise: true, synonyms })).toBe(cacheKey(b, { normalise: true, synonyms }));
  });

  it('leaves an empty namespace out, so it keys like no namespace', () => {
    expect(cacheKey({ ...base, namespace: '' }, exact)).toBe(cacheKey(base, exact));
  });

  it('ignores key order and number spelling', () => {
    const reordered = { ...base, config: { temperature: -0, prompt: 'Answer {{#start.q#}}', model: 'openai:gpt-4o-mini' } };
    expect(cacheKey(reordered, exact)).toBe(cacheKey(base, exact));
  });

  it('never normalises config: a prompt change is a different key', () => {
    const changed = { ...base, config: { ...config, prompt: 'answer {{#start.q#}}' } };
    expect(cacheKey(changed, normalised)).not.toBe(cacheKey(base, normalised));
  });

  it('changes with type, version, config values, inputs and generations', () => {
    const keys = [
      base,
      { ...base, type: 'question-classifier' },
      { ...base, version: 2 },
      { ...base, config: { ...config, temperature: 0.5 } },
      { ...base, inputs: { 'start.q': 'What is the shipping policy?' } },
      { ...base, generations: { 'knowledge-base:kb1': 1 } },
      { ...base, generations: { 'knowledge-base:kb1': 2 } },
      { ...base, namespace: 'tenant-a' },
      { ...base, namespace: 'tenant-b' },
    ].map((parts) => cacheKey(parts, normalised));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('derives a key in microseconds', () => {
    const rounds = 2000;
    const started = performance.now();
    for (let index = 0; index < rounds; index++) cacheKey({ ...base, inputs: { 'start.q': `question ${index}` } }, normalised);
    const microsecondsPerKey = ((performance.now() - started) * 1000) / rounds;
    expect(microsecondsPerKey).toBeLessThan(100);
  });
});
