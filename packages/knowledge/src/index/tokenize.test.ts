import { describe, expect, it } from 'vitest';
import { stemEnglish, tokenize } from './tokenize';

describe('tokenize', () => {
  it('lower-cases English, drops stopwords and strips plurals', () => {
    expect(tokenize('How do I request Refunds for the Policies?')).toEqual(['request', 'refund', 'policy']);
  });

  it('keeps a product code whole, without separators, and in parts', () => {
    const terms = tokenize('Reset the WX-4471 router');
    expect(terms).toEqual(expect.arrayContaining(['wx-4471', 'wx4471', 'wx', '4471', 'reset', 'router']));
    expect(tokenize('wx4471')).toEqual(['wx4471']);
  });

  it('segments Chinese into dictionary words plus bigrams and drops particles', () => {
    const terms = tokenize('我们在北京大学学习机器学习');
    expect(terms).toEqual(expect.arrayContaining(['北京', '大学', '学习', '机器']));
    expect(terms).not.toContain('在');
    // the bigram that crosses the 北京|大学 boundary is there for a query that the segmenter cuts differently
    expect(terms).toContain('京大');
  });

  it('handles mixed Chinese and English and full-width characters', () => {
    const terms = tokenize('使用ＡＰＩ密钥 access token');
    expect(terms).toEqual(expect.arrayContaining(['使用', 'api', '密钥', 'access', 'token']));
  });

  it('returns nothing for punctuation or stopwords only', () => {
    expect(tokenize('... the of 的 !!')).toEqual([]);
  });

  it('stems conservatively', () => {
    expect(['invoices', 'class', 'status', 'analysis', 'bus', 'stories', 'api'].map(stemEnglish)).toEqual([
      'invoice', 'class', 'status', 'analysis', 'bus', 'story', 'api',
    ]);
  });
});
