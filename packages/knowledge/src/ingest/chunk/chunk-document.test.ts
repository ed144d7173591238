import { describe, expect, it } from 'vitest';
import { KnowledgeError, type Chunk } from '../../spec';
import { chunkDocument } from './chunk-document';
import { countTokens } from './count-tokens';
import { previewChunks } from './preview-chunks';

const topics = ['refunds', 'shipping', 'warranty', 'accounts', 'invoices', 'support', 'privacy', 'pricing'];
/** Varied English prose: paragraphs of numbered sentences, so every sentence is unique and findable. */
const english = topics
  .map((topic, paragraph) =>
    Array.from({ length: 9 }, (_, sentence) => `Sentence ${paragraph}.${sentence} explains how ${topic} work for customers in case number ${paragraph * 10 + sentence}.`).join(' '),
  )
  .join('\n\n');
const chineseSentences = Array.from(
  { length: 40 },
  (_, index) => `第${index + 1}条规定，客户在购买后${index + 3}天内可以申请退款${['。', '！', '？'][index % 3]}`,
);
const chinese = chineseSentences.join('');

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
const isWellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8') === text;

/** The longest end of `previous` that `next` starts with. */
function sharedOverlap(previous: string, next: string): string {
  for (let length = Math.min(previous.length, next.length); length > 0; length -= 1) {
    if (previous.endsWith(next.slice(0, length))) return next.slice(0, length);
  }
  return '';
}

function expectWithinLimit(chunks: Chunk[], maxTokens: number) {
  for (const chunk of chunks) {
    expect(chunk.tokens).toBe(countTokens(chunk.content));
    expect(chunk.tokens).toBeLessThanOrEqual(maxTokens);
    expect(chunk.content).toBe(chunk.content.trim());
    expect(chunk.content).not.toBe('');
  }
}

describe('chunkDocument: general', () => {
  it('keeps every chunk within maxTokens, in order, losing no text when there is no overlap', () => {
    const chunks = chunkDocument(english, { mode: 'general', maxTokens: 60, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(10);
    expectWithinLimit(chunks, 60);
    expect(chunks.map((chunk) => chunk.position)).toEqual(chunks.map((_, index) => index));
    expect(chunks.every((chunk) => chunk.role === 'general' && chunk.parentPosition === undefined)).toBe(true);
    expect(normalise(chunks.map((chunk) => chunk.content).join(' '))).toBe(normalise(english));
    // Cut at sentence ends, not inside sentences.
    expect(chunks.every((chunk) => chunk.content.endsWith('.'))).toBe(true);
  });

  it('starts each chunk with up to overlapTokens from the end of the one before', () => {
    const chunks = chunkDocument(english, { mode: 'general', maxTokens: 80, overlapTokens: 20 });
    expectWithinLimit(chunks, 80);
    for (let index = 1; index < chunks.length; index += 1) {
      const overlap = sharedOverlap(chunks[index - 1]!.content, chunks[index]!.content);
      expect(countTokens(overlap), `chunk ${index}`).toBeGreaterThan(3);
      expect(countTokens(overlap.trim())).toBeLessThanOrEqual(20);
      // The overlap begins at a word, never in the middle of one.
      expect(overlap).toMatch(/^\S/);
      expect(chunks[index - 1]!.content.at(-overlap.length - 1)).toMatch(/\s/);
    }
    // Every sentence still appears somewhere.
    const all = chunks.map((chunk) => chunk.content).join('\n');
    for (const sentence of english.split(/(?<=\.) /)) expect(all).toContain(sentence.trim());
  });

  it('uses the default settings when only the mode is given, and one chunk for short text', () => {
    const chunks = chunkDocument('A short note.', { mode: 'general' });
    expect(chunks).toEqual([{ position: 0, content: 'A short note.', tokens: countTokens('A short note.'), role: 'general' }]);
    expect(chunkDocument(english, { mode: 'general' }).every((chunk) => chunk.tokens <= 500)).toBe(true);
  });

  it('cuts Chinese text (no spaces) at 。！？ and keeps every character', () => {
    const chunks = chunkDocument(chinese, { mode: 'general', maxTokens: 40, overlapTokens: 0, separators: ['\n\n'] });
    expect(chunks.length).toBeGreaterThan(5);
    expectWithinLimit(chunks, 40);
    expect(chunks.map((chunk) => chunk.content).join('')).toBe(chinese);
    for (const chunk of chunks) expect(chunk.content).toMatch(/[。！？]$/);
  });

  it('overlaps Chinese chunks by characters, without breaking them', () => {
    const chunks = chunkDocument(chinese, { mode: 'general', maxTokens: 48, overlapTokens: 12, separators: ['。'] });
    expectWithinLimit(chunks, 48);
    for (let index = 1; index < chunks.length; index += 1) {
      const overlap = sharedOverlap(chunks[index - 1]!.content, chunks[index]!.content);
      expect(overlap.length).toBeGreaterThan(0);
      expect(countTokens(overlap)).toBeLessThanOrEqual(12);
      expect(isWellFormed(chunks[index]!.content)).toBe(true);
    }
  });

  it('cuts text without any separator at token boundaries, never inside a surrogate pair', () => {
    const run = '数据'.repeat(300) + '😀'.repeat(200) + 'x'.repeat(900);
    const chunks = chunkDocument(run, { mode: 'general', maxTokens: 50, overlapTokens: 0 });
    expectWithinLimit(chunks, 50);
    expect(chunks.every((chunk) => isWellFormed(chunk.content))).toBe(true);
    expect(chunks.map((chunk) => chunk.content).join('')).toBe(run);
  });

  it('rejects invalid settings with invalid_settings naming the field', () => {
    const attempt = (settings: Parameters<typeof chunkDocument>[1]) => {
      try {
        chunkDocument(english, settings);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const overlap = attempt({ mode: 'general', maxTokens: 100, overlapTokens: 100 });
    expect(overlap).toBeInstanceOf(KnowledgeError);
    expect(overlap).toMatchObject({ code: 'invalid_settings', message: expect.stringContaining('overlapTokens (100) must be smaller than maxTokens (100)') });
    expect(attempt({ mode: 'general', maxTokens: 4 })).toMatchObject({ code: 'invalid_settings', message: expect.stringContaining('maxTokens') });
    expect(attempt({ mode: 'parent-child', parent: { maxTokens: 100 }, child: { maxTokens: 2 } })).toMatchObject({
      code: 'invalid_settings',
      message: expect.stringContaining('child.maxTokens'),
    });
  });
});

describe('chunkDocument: parent-child', () => {
  it('puts each paragraph-sized parent before its children, which lie inside it and point at it', () => {
    const chunks = chunkDocument(english, { mode: 'parent-child', parent: { maxTokens: 200 }, child: { maxTokens: 30 } });
    const parents = chunks.filter((chunk) => chunk.role === 'parent');
    const children = chunks.filter((chunk) => chunk.role === 'child');
    expect(parents.length).toBeGreaterThanOrEqual(topics.length);
    expect(children.length).toBeGreaterThan(parents.length * 2);
    expect(chunks.map((chunk) => chunk.position)).toEqual(chunks.map((_, index) => index));
    expectWithinLimit(parents, 200);
    expectWithinLimit(children, 30);
    for (const child of children) {
      const parent = chunks[child.parentPosition!]!;
      expect(parent.role).toBe('parent');
      expect(parent.position).toBeLessThan(child.position);
      expect(parent.content).toContain(child.content);
    }
    for (const parent of parents) {
      const own = children.filter((child) => child.parentPosition === parent.position);
      expect(normalise(own.map((child) => child.content).join(' '))).toBe(normalise(parent.content));
      expect(parent.parentPosition).toBeUndefined();
    }
    // No paragraph is split across parents when it fits: the first parent starts the first paragraph.
    expect(parents[0]!.content.startsWith('Sentence 0.0')).toBe(true);
    expect(normalise(parents.map((parent) => parent.content).join(' '))).toBe(normalise(english));
  });

  it('uses the whole document as the one parent in full-doc scope, also for Chinese', () => {
    const chunks = chunkDocument(chinese, { mode: 'parent-child', parent: { scope: 'full-doc' }, child: { maxTokens: 24 } });
    const [parent, ...children] = chunks;
    expect(parent).toMatchObject({ position: 0, role: 'parent', content: chinese });
    expect(children.length).toBeGreaterThan(5);
    expectWithinLimit(children, 24);
    expect(children.every((child) => child.role === 'child' && child.parentPosition === 0)).toBe(true);
    expect(children.map((child) => child.content).join('')).toBe(chinese);
  });
});

describe('previewChunks', () => {
  it('returns the first chunks with totals for the whole document', () => {
    const parsed = { text: english, metadata: {} };
    const general = previewChunks(parsed, { mode: 'general', maxTokens: 60, overlapTokens: 0 }, 3);
    const all = chunkDocument(english, { mode: 'general', maxTokens: 60, overlapTokens: 0 });
    expect(general.chunks).toEqual(all.slice(0, 3));
    expect(general).toMatchObject({ total: all.length, embeddedTotal: all.length });
    expect(general.embeddedTokens).toBe(all.reduce((sum, chunk) => sum + chunk.tokens, 0));

    const settings = { mode: 'parent-child', parent: { maxTokens: 200 }, child: { maxTokens: 30 } } as const;
    const nested = previewChunks(parsed, settings, 2);
    const everything = chunkDocument(english, settings);
    expect(nested.chunks.filter((chunk) => chunk.role === 'parent')).toHaveLength(2);
    expect(nested.chunks).toEqual(everything.slice(0, nested.chunks.length));
    expect(everything[nested.chunks.length]?.role).toBe('parent');
    expect(nested.total).toBe(everything.filter((chunk) => chunk.role === 'parent').length);
    expect(nested.embeddedTotal).toBe(everything.filter((chunk) => chunk.role === 'child').length);
  });
});
