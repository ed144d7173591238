import type { PrismaClient } from '@weft/db';
import { createKeywordIndex } from '@weft/knowledge';
import type { IndexedSegment, KeywordIndex } from '@weft/knowledge/spec';

/** The in-memory keyword index, kept in step with the stored segments through the knowledge bases' generations. */
export interface StoredKeywordIndex extends KeywordIndex {
  /**
   * This process bumped the knowledge base to `generation` after changing the index itself: if the index was at
   * the generation just before, it is current and needs no reload.
   */
  noteOwnChange(knowledgeBaseId: string, generation: number): void;
}

interface Shard {
  /** The knowledge base generation the shard reflects. */
  generation: number;
  loading?: Promise<void>;
}

/**
 * Nothing of the keyword index is persisted: each process loads a knowledge base's shard from the stored segments
 * (general chunks and children; parents only as their children's context) on its first search, and again whenever
 * the knowledge base's generation moved past the shard's (another process changed it). Checking costs one primary-key
 * read per search, and only on searches the node cache did not answer.
 */
export function createStoredKeywordIndex(prisma: PrismaClient): StoredKeywordIndex {
  const index = createKeywordIndex();
  const shards = new Map<string, Shard>();

  async function load(knowledgeBaseId: string, generation: number): Promise<void> {
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
    shards.set(knowledgeBaseId, { generation });
  }

  /** Loads (or reloads) the shard unless it reflects `generation`; concurrent searches share one load. */
  function ensureCurrent(knowledgeBaseId: string, generation: number): Promise<void> {
    const shard = shards.get(knowledgeBaseId);
    if (shard?.loading !== undefined) return shard.loading;
    if (shard !== undefined && shard.generation >= generation) return Promise.resolve();
    const loading = load(knowledgeBaseId, generation).catch((error: unknown) => {
      shards.delete(knowledgeBaseId);
      throw error;
    });
    shards.set(knowledgeBaseId, { generation: shard?.generation ?? -1, loading });
    return loading;
  }

  return {
    async add(segments) {
      // A knowledge base not loaded here is skipped: its rows are committed, so its first load includes them.
      const current = segments.filter((segment) => shards.has(segment.knowledgeBaseId));
      for (const knowledgeBaseId of new Set(current.map((segment) => segment.knowledgeBaseId))) await shards.get(knowledgeBaseId)?.loading;
      await index.add(current);
    },
    deleteByDocument: (knowledgeBaseId, documentId) => index.deleteByDocument(knowledgeBaseId, documentId),
    deleteByKnowledgeBase: (knowledgeBaseId) => index.deleteByKnowledgeBase(knowledgeBaseId),
    async search(query, filter, topK) {
      const ids = [...new Set(filter.knowledgeBaseIds)];
      const rows = await prisma.knowledgeBase.findMany({ where: { id: { in: ids } }, select: { id: true, generation: true } });
      await Promise.all(rows.map((row) => ensureCurrent(row.id, row.generation)));
      return index.search(query, { ...filter, knowledgeBaseIds: rows.map((row) => row.id) }, topK);
    },
    noteOwnChange(knowledgeBaseId, generation) {
      const shard = shards.get(knowledgeBaseId);
      if (shard !== undefined && shard.loading === undefined && shard.generation === generation - 1) shard.generation = generation;
    },
  };
}

function roleOf(metadata: unknown): unknown {
  return typeof metadata === 'object' && metadata !== null && 'role' in metadata ? metadata.role : undefined;
}
