import { describe, expect, it } from 'vitest';
import { normalise, normaliseText } from './normalise';

describe('normaliseText', () => {
  it('folds compatibility forms (NFKC): full-width letters, ligatures, superscripts', () => {
    expect(normaliseText('ＲＥＦＵＮＤ')).toBe('refund');
    expect(normaliseText('ﬁle')).toBe('file');
    expect(normaliseText('x²')).toBe('x2');
  });

  it('case-folds, including ß and final sigma', () => {
    expect(normaliseText('Refund POLICY')).toBe('refund policy');
    expect(normaliseText('STRASSE')).toBe(normaliseText('Straße'));
    expect(normaliseText('ΟΔΟΣ')).toBe(normaliseText('οδος'));
  });

  it('collapses and trims whitespace of every kind', () => {
    expect(normaliseText('  what\tis \n\u00a0 the   policy  ')).toBe('what is the policy');
  });

  it('strips Unicode punctuation but keeps symbols and digits', () => {
    expect(normaliseText("What's the refund policy?!")).toBe('whats the refund policy');
    expect(normaliseText('«Bonjour», ¿qué tal? 「こんにちは」')).toBe('bonjour qué tal こんにちは');
    expect(normaliseText('price: $5 + 3%')).toBe('price $5 + 3');
  });

  it('applies synonyms on word boundaries, longest phrase first, after normalising the phrases too', () => {
    const synonyms = { 'Refund money': 'refund', money: 'cash', 'get back': 'refund' };
    expect(normaliseText('How do I get my REFUND MONEY?', { synonyms })).toBe('how do i get my refund');
    expect(normaliseText('money back', { synonyms })).toBe('cash back');
    expect(normaliseText('moneybags', { synonyms })).toBe('moneybags');
    expect(normaliseText('get back my money', { synonyms })).toBe('refund my cash');
  });

  it('does not rewrite a replacement again in the same pass', () => {
    expect(normaliseText('a b', { synonyms: { a: 'b', b: 'c' } })).toBe('b c');
  });

  it('treats letters of any script as word characters for boundaries', () => {
    expect(normaliseText('café caféine', { synonyms: { café: 'coffee' } })).toBe('coffee caféine');
  });
});

describe('normalise', () => {
  it('normalises strings nested in arrays and objects, leaving keys and other values alone', () => {
    const input = { 'start.Query': ['  Hello, WORLD '], nested: { n: 1, flag: true, text: 'A  B' }, none: null };
    expect(normalise(input)).toEqual({ 'start.Query': ['hello world'], nested: { n: 1, flag: true, text: 'a b' }, none: null });
  });
});
