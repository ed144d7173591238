import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeError, type IndexedSegment, type VectorStore } from '../spec';

/** A unit vector along `axes` (equally between them when several; `-n` points the other way along n, `-0` too). */
export function axisVector(dimensions: number, ...axes: number[]): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const axis of axes) vector[Math.abs(axis)] = Math.sign(1 / axis) / Math.sqrt(axes.length);
  return vector;
}

function segment(knowledgeBaseId: string, segmentId: string, extra: Partial<IndexedSegment> = {}): IndexedSegment {
  return { segmentId, knowledgeBaseId, documentId: 'doc-1', documentName: 'Guide.md', content: `content of ${segmentId}`, tags: [], ...extra };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof KnowledgeError ? error.code : `not a KnowledgeError: ${String(error)}`;
  }
  return 'resolved';
}

/**
 * Registers the VectorStore contract for one implementation. Every test uses fresh knowledge base ids and deletes
 * them, so the suite can run against a shared server. `open` is called once; the store is closed after the suite.
 */
export function describeVectorStoreContract(label: string, open: () => Promise<VectorStore>): void {
  describe(`VectorStore contract: ${label}`, () => {
    let store: VectorStore;
    const created: string[] = [];
    const newKnowledgeBase = async (dimensions: number) => {
      const id = `kb-${randomUUID()}`;
      created.push(id);
      await store.ensureCollection(id, dimensions);
      return id;
    };

    beforeAll(async () => {
      store = await open();
      // Lazily opened stores (the embedded one starts a PGlite) connect here, under the longer hook timeout.
      await store.deleteByKnowledgeBase(`kb-warm-up-${randomUUID()}`);
    });
    afterAll(async () => {
      for (const id of created) await store?.deleteByKnowledgeBase(id);
      await store?.close();
    });

    it('returns the nearest segments first with cosine similarity in 0..1', async () => {
      const kb = await newKnowledgeBase(8);
      await store.ensureCollection(kb, 8);
      await store.upsert([
        { segment: segment(kb, 'same'), vector: axisVector(8, 1) },
        { segment: segment(kb, 'between'), vector: axisVector(8, 1, 2) },
        { segment: segment(kb, 'orthogonal'), vector: axisVector(8, 2) },
        { segment: segment(kb, 'opposite'), vector: axisVector(8, -1) },
      ]);
      const hits = await store.search(axisVector(8, 1), { knowledgeBaseIds: [kb] }, 10);
      expect(hits.map((hit) => hit.segment.segmentId)).toEqual(['same', 'between', 'orthogonal', 'opposite']);
      const scores = hits.map((hit) => hit.score);
      expect(scores[0]).toBeCloseTo(1, 4);
      expect(scores[1]).toBeCloseTo(Math.SQRT1_2, 4);
      expect(scores[2]).toBeCloseTo(0, 4);
      expect(scores[3]).toBe(0);
      expect((await store.search(axisVector(8, 1), { knowledgeBaseIds: [kb] }, 2)).map((hit) => hit.segment.segmentId)).toEqual(['same', 'between']);
      expect(await store.search(axisVector(8, 1), { knowledgeBaseIds: [kb] }, 0)).toEqual([]);
    });

    it('round-trips every segment field', async () => {
      const kb = await newKnowledgeBase(4);
      const full = segment(kb, 'full', {
        documentId: 'doc-full',
        documentName: '手册 v2.pdf',
        content: 'child text, with "quotes" and 中文',
        parentContent: 'the whole parent paragraph',
        tags: ['alpha', 'beta'],
        metadata: { page: 3, heading: 'Setup', nested: { ok: true } },
      });
      await store.upsert([{ segment: full, vector: axisVector(4, 0) }, { segment: segment(kb, 'bare'), vector: axisVector(4, 1) }]);
      const hits = await store.search(axisVector(4, 0), { knowledgeBaseIds: [kb] }, 2);
      expect(hits[0]?.segment).toEqual(full);
      expect(hits[1]?.segment).toEqual(segment(kb, 'bare'));
    });

    it('filters by knowledge bases, documents and any of the tags; empty lists do not filter', async () => {
      const kbA = await newKnowledgeBase(4);
      const kbB = await newKnowledgeBase(4);
      const kbOther = await newKnowledgeBase(4);
      await store.upsert([
        { segment: segment(kbA, 'a1', { documentId: 'd1', tags: ['red'] }), vector: axisVector(4, 0) },
        { segment: segment(kbA, 'a2', { documentId: 'd2', tags: ['blue', 'green'] }), vector: axisVector(4, 0, 1) },
        { segment: segment(kbB, 'b1', { documentId: 'd1', tags: [] }), vector: axisVector(4, 1) },
        { segment: segment(kbOther, 'o1'), vector: axisVector(4, 0) },
      ]);
      const ids = async (filter: Parameters<VectorStore['search']>[1]) =>
        (await store.search(axisVector(4, 0), filter, 10)).map((hit) => hit.segment.segmentId);
      expect(await ids({ knowledgeBaseIds: [kbA] })).toEqual(['a1', 'a2']);
      expect(await ids({ knowledgeBaseIds: [kbA, kbB] })).toEqual(['a1', 'a2', 'b1']);
      expect(await ids({ knowledgeBaseIds: [kbA, kbB], documentIds: ['d1'] })).toEqual(['a1', 'b1']);
      expect(await ids({ knowledgeBaseIds: [kbA, kbB], tags: ['green', 'yellow'] })).toEqual(['a2']);
      expect(await ids({ knowledgeBaseIds: [kbA, kbB], documentIds: ['d1'], tags: ['blue'] })).toEqual([]);
      expect(await ids({ knowledgeBaseIds: [kbA], documentIds: [], tags: [] })).toEqual(['a1', 'a2']);
      expect(await ids({ knowledgeBaseIds: [] })).toEqual([]);
      expect(await ids({ knowledgeBaseIds: [`kb-never-created-${randomUUID()}`] })).toEqual([]);
    });

    it('finds the few segments of a small knowledge base among many closer ones elsewhere', async () => {
      const big = await newKnowledgeBase(16);
      const small = await newKnowledgeBase(16);
      const crowd = Array.from({ length: 300 }, (_, index) => ({
        segment: segment(big, `crowd-${index}`),
        vector: axisVector(16, 0).map((value, axis) => value + (axis === 1 + (index % 15) ? 0.01 * (1 + (index % 7)) : 0)),
      }));
      await store.upsert([...crowd, ...[2, 3, 4].map((axis) => ({ segment: segment(small, `few-${axis}`), vector: axisVector(16, axis) }))]);
      const hits = await store.search(axisVector(16, 0), { knowledgeBaseIds: [small] }, 5);
      expect(hits.map((hit) => hit.segment.segmentId).sort()).toEqual(['few-2', 'few-3', 'few-4']);
    });

    it('replaces a segment upserted again, the last of duplicates in one call winning', async () => {
      const kb = await newKnowledgeBase(4);
      await store.upsert([{ segment: segment(kb, 's', { content: 'old' }), vector: axisVector(4, 0) }]);
      await store.upsert([
        { segment: segment(kb, 's', { content: 'first' }), vector: axisVector(4, 0) },
        { segment: segment(kb, 's', { content: 'newest' }), vector: axisVector(4, 3) },
      ]);
      const hits = await store.search(axisVector(4, 3), { knowledgeBaseIds: [kb] }, 10);
      expect(hits).toHaveLength(1);
      expect(hits[0]?.segment.content).toBe('newest');
      expect(hits[0]?.score).toBeCloseTo(1, 4);
    });

    it('stores a large batch', async () => {
      const kb = await newKnowledgeBase(8);
      const items = Array.from({ length: 1200 }, (_, index) => ({
        segment: segment(kb, `bulk-${index}`, { documentId: `doc-${index % 10}` }),
        vector: axisVector(8, index % 8, (index + 1) % 8),
      }));
      await store.upsert(items);
      const hits = await store.search(axisVector(8, 5, 6), { knowledgeBaseIds: [kb], documentIds: ['doc-5'] }, 3);
      // exact matches are the segments on axes 5 and 6 (index ≡ 5 mod 8) of document doc-5 (index ≡ 5 mod 10)
      expect(hits).toHaveLength(3);
      for (const hit of hits) {
        expect(Number(hit.segment.segmentId.slice('bulk-'.length)) % 40).toBe(5);
        expect(hit.score).toBeCloseTo(1, 4);
      }
    });

    it('deletes by document, then by knowledge base, which frees it for another dimension count', async () => {
      const kb = await newKnowledgeBase(4);
      const keep = await newKnowledgeBase(4);
      await store.upsert([
        { segment: segment(kb, 'd1-a', { documentId: 'd1' }), vector: axisVector(4, 0) },
        { segment: segment(kb, 'd2-a', { documentId: 'd2' }), vector: axisVector(4, 0) },
        { segment: segment(keep, 'k-d1', { documentId: 'd1' }), vector: axisVector(4, 0) },
      ]);
      await store.deleteByDocument(kb, 'd1');
      expect((await store.search(axisVector(4, 0), { knowledgeBaseIds: [kb, keep] }, 10)).map((hit) => hit.segment.segmentId).sort()).toEqual(['d2-a', 'k-d1']);
      await store.deleteByKnowledgeBase(kb);
      expect(await store.search(axisVector(4, 0), { knowledgeBaseIds: [kb] }, 10)).toEqual([]);
      expect(await store.search(axisVector(4, 0), { knowledgeBaseIds: [keep] }, 10)).toHaveLength(1);
      await store.ensureCollection(kb, 6);
      await store.upsert([{ segment: segment(kb, 'reborn'), vector: axisVector(6, 5) }]);
      expect((await store.search(axisVector(6, 5), { knowledgeBaseIds: [kb] }, 10)).map((hit) => hit.segment.segmentId)).toEqual(['reborn']);
      await store.deleteByDocument(`kb-never-created-${randomUUID()}`, 'd1');
      await store.deleteByKnowledgeBase(`kb-never-created-${randomUUID()}`);
    });

    it('refuses vectors of the wrong size and upserts into unknown knowledge bases with typed errors', async () => {
      const kb = await newKnowledgeBase(4);
      expect(await codeOf(store.ensureCollection(kb, 5))).toBe('dimension_mismatch');
      expect(await codeOf(store.upsert([{ segment: segment(kb, 'wrong'), vector: axisVector(5, 0) }]))).toBe('dimension_mismatch');
      expect(await codeOf(store.search(axisVector(3, 0), { knowledgeBaseIds: [kb] }, 3))).toBe('dimension_mismatch');
      expect(await codeOf(store.upsert([{ segment: segment(`kb-unknown-${randomUUID()}`, 'x'), vector: axisVector(4, 0) }]))).toBe('not_found');
      expect(await codeOf(store.ensureCollection(kb, 0))).toBe('invalid_settings');
    });

    it('keeps knowledge bases of different dimensions side by side', async () => {
      const small = await newKnowledgeBase(3);
      const large = await newKnowledgeBase(12);
      await store.upsert([
        { segment: segment(small, 'small'), vector: axisVector(3, 2) },
        { segment: segment(large, 'large'), vector: axisVector(12, 11) },
      ]);
      expect((await store.search(axisVector(3, 2), { knowledgeBaseIds: [small] }, 5)).map((hit) => hit.segment.segmentId)).toEqual(['small']);
      expect((await store.search(axisVector(12, 11), { knowledgeBaseIds: [large] }, 5)).map((hit) => hit.segment.segmentId)).toEqual(['large']);
    });
  });
}
