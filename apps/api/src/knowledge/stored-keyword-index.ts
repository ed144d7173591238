import type { PrismaClient } from '@weft/db';
import { createKeywordIndex } from '@weft/knowledge';
import type { IndexedSegment, KeywordIndex } from '@weft/knowledge/spec';

/** The in-memory keyword index, filled from Segment rows the first time a knowledge base is searched. */
export interface StoredKeywordIndex extends KeywordIndex {
  /**
   * Forgets what this process holds for a knowledge base, so the next search reloads it from the database
   * (another process changed it).
   */
  forget(knowledgeBaseId: string): void;
}

/**
 * Nothing of the keyword index is persisted: each process rebuilds a knowledge base's shard lazily from the stored
 * segments (general chunks and children; parents only as the children's context). Adds for a knowledge base that
 * is not loaded yet are skipped: its rows are already committed, so the load will include them.
 */
export function createStoredKeywordIndex(prisma: PrismaClient): StoredKeywordIndex {
  const index = createKeywordIndex();
  const loaded = new Map<string, Promise<void>>();
  // Bumped by forget(), so a load that started before it does not mark the knowledge base loaded.
  const epochs = new Map<string, number>();

  async function load(knowledgeBaseId: string): Promise<void> {
    const rows = await prisma.segment.findMany({
      where: { knowledgeBaseId },
      select: {
        id: true,
        documentId: true,
        content: true,
        position: true,
        metadata: true,
        document: { select: { name: true, tags: true } },
        parent: { select: { content: true } },
      },
      orderBy: [{ documentId: 'asc' }, { position: 'asc' }],
    });
    const segments: IndexedSegment[] = rows
      .filter((row) => roleOf(row.metadata) !== 'parent')
      .map((row) => ({
        segmentId: row.id,
        knowledgeBaseId,
        documentId: row.documentId,
        documentName: row.document.name,
        content: row.content,
        ...(row.parent === null ? {} : { parentContent: row.parent.content }),
        tags: row.document.tags,
        metadata: { position: row.position },
      }));
    await index.deleteByKnowledgeBase(knowledgeBaseId);
    await index.add(segments);
  }

  function ensureLoaded(knowledgeBaseId: string): Promise<void> {
    let pending = loaded.get(knowledgeBaseId);
    if (pending === undefined) {
      const epoch = epochs.get(knowledgeBaseId) ?? 0;
      pending = load(knowledgeBaseId).catch((error: unknown) => {
        if ((epochs.get(knowledgeBaseId) ?? 0) === epoch) loaded.delete(knowledgeBaseId);
        throw error;
      });
      loaded.set(knowledgeBaseId, pending);
    }
    return pending;
  }

  return {
    async add(segments) {
      const current = segments.filter((segment) => loaded.has(segment.knowledgeBaseId));
      for (const knowledgeBaseId of new Set(current.map((segment) => segment.knowledgeBaseId))) await loaded.get(knowledgeBaseId);
      await index.add(current);
    },
    deleteByDocument: (knowledgeBaseId, documentId) => index.deleteByDocument(knowledgeBaseId, documentId),
    async deleteByKnowledgeBase(knowledgeBaseId) {
      await index.deleteByKnowledgeBase(knowledgeBaseId);
    },
    async search(query, filter, topK) {
      await Promise.all([...new Set(filter.knowledgeBaseIds)].map(ensureLoaded));
      return index.search(query, filter, topK);
    },
    forget(knowledgeBaseId) {
      epochs.set(knowledgeBaseId, (epochs.get(knowledgeBaseId) ?? 0) + 1);
      loaded.delete(knowledgeBaseId);
      void index.deleteByKnowledgeBase(knowledgeBaseId);
    },
  };
}

function roleOf(metadata: unknown): unknown {
  return typeof metadata === 'object' && metadata !== null && 'role' in metadata ? metadata.role : undefined;
}
