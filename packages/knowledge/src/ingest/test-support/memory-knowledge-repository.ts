import { randomUUID } from 'node:crypto';
import { KnowledgeError, type Chunk, type IngestProgress, type KnowledgeRepository } from '../../spec';

export interface StoredSegment {
  id: string;
  knowledgeBaseId: string;
  chunk: Chunk;
}

/** A real KnowledgeRepository over maps, for tests and the embedded demo: sources, progress history, segments, generations. */
export interface MemoryKnowledgeRepository extends KnowledgeRepository {
  putSource(documentId: string, source: { bytes: Uint8Array } | { text: string }): void;
  deleteSource(documentId: string): void;
  /** Every progress report of a document, oldest first. */
  history(documentId: string): IngestProgress[];
  latest(documentId: string): IngestProgress | undefined;
  segments(documentId: string): StoredSegment[];
  generation(knowledgeBaseId: string): number;
}

export function createMemoryKnowledgeRepository(): MemoryKnowledgeRepository {
  const sources = new Map<string, { bytes: Uint8Array } | { text: string }>();
  const progress = new Map<string, IngestProgress[]>();
  const segmentsByDocument = new Map<string, StoredSegment[]>();
  const generations = new Map<string, number>();

  return {
    putSource: (documentId, source) => void sources.set(documentId, source),
    deleteSource: (documentId) => void sources.delete(documentId),
    history: (documentId) => [...(progress.get(documentId) ?? [])],
    latest: (documentId) => progress.get(documentId)?.at(-1),
    segments: (documentId) => [...(segmentsByDocument.get(documentId) ?? [])],
    generation: (knowledgeBaseId) => generations.get(knowledgeBaseId) ?? 0,

    async loadSource(documentId) {
      const source = sources.get(documentId);
      if (source === undefined) throw new KnowledgeError('not_found', `Document "${documentId}" has no stored source; upload it again.`);
      return source;
    },
    async setProgress(report) {
      const list = progress.get(report.documentId) ?? [];
      list.push(structuredClone(report));
      progress.set(report.documentId, list);
    },
    async replaceSegments(documentId, knowledgeBaseId, chunks) {
      const stored = chunks.map((chunk) => ({ id: randomUUID(), knowledgeBaseId, chunk: { ...chunk } }));
      segmentsByDocument.set(documentId, stored);
      return stored.map((segment) => segment.id);
    },
    async bumpGeneration(knowledgeBaseId) {
      generations.set(knowledgeBaseId, (generations.get(knowledgeBaseId) ?? 0) + 1);
    },
  };
}
