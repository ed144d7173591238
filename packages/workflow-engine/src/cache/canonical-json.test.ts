import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys recursively, so key order never changes the text', () => {
    const a = canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } });
    const b = canonicalJson({ a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('writes -0 as 0 and keeps NaN and the infinities apart from null and from each other', () => {
    expect(canonicalJson(-0)).toBe(canonicalJson(0));
    const texts = [NaN, Infinity, -Infinity, null].map(canonicalJson);
    expect(new Set(texts).size).toBe(4);
    expect(canonicalJson(1e21)).toBe(canonicalJson(1000000000000000000000));
    expect(canonicalJson(0.1 + 0.2)).not.toBe(canonicalJson(0.3));
  });

  it('omits undefined properties like absent ones, and writes undefined array items as null', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson([1, undefined])).toBe('[1,null]');
  });

  it('distinguishes strings from numbers and bigints, and writes dates through toJSON', () => {
    expect(canonicalJson('1')).not.toBe(canonicalJson(1));
    expect(canonicalJson(1n)).not.toBe(canonicalJson(1));
    expect(canonicalJson(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
  });

  it('throws on cycles instead of looping', () => {
    const value: Record<string, unknown> = {};
    value.self = value;
    expect(() => canonicalJson(value)).toThrow(/cycle/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });
});
