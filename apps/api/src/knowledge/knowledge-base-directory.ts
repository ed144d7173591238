import type { PrismaClient } from '@weft/db';
import { KnowledgeError } from '@weft/knowledge/spec';

export interface KnowledgeBaseEntry {
  id: string;
  workspaceId: string;
  /** `provider:model`. */
  embeddingModel: string;
}

/** knowledge base id → its workspace and embedding model, from memory after the first read (retrieval's hot path). */
export interface KnowledgeBaseDirectory {
  /** Throws KnowledgeError `not_found` for a knowledge base that does not exist (deleted, or a typo in a workflow). */
  get(knowledgeBaseId: string): Promise<KnowledgeBaseEntry>;
  /** Drops the entry (the knowledge base changed, possibly its embedding model, or was deleted). */
  forget(knowledgeBaseId: string): void;
}

export function createKnowledgeBaseDirectory(prisma: PrismaClient): KnowledgeBaseDirectory {
  const entries = new Map<string, Promise<KnowledgeBaseEntry>>();

  async function load(knowledgeBaseId: string): Promise<KnowledgeBaseEntry> {
    const row = await prisma.knowledgeBase.findUnique({ where: { id: knowledgeBaseId }, select: { id: true, workspaceId: true, embeddingModel: true } });
    if (row === null) {
      throw new KnowledgeError('not_found', `Knowledge base "${knowledgeBaseId}" does not exist (it may have been deleted). Pick another one in the knowledge retrieval node.`);
    }
    return row;
  }

  return {
    get(knowledgeBaseId) {
      let entry = entries.get(knowledgeBaseId);
      if (entry === undefined) {
        entry = load(knowledgeBaseId);
        entries.set(knowledgeBaseId, entry);
        // Missing knowledge bases are not remembered: one may be created with that id's workflow fixed later.
        entry.catch(() => {
          if (entries.get(knowledgeBaseId) === entry) entries.delete(knowledgeBaseId);
        });
      }
      return entry;
    },
    forget(knowledgeBaseId) {
      entries.delete(knowledgeBaseId);
    },
  };
}
