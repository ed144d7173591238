import { KnowledgeError, type IndexFilter, type ScoredSegment, type VectorStore } from '../spec';

export interface EmbedByModelOptions {
  embedQuery: (knowledgeBaseId: string, text: string, signal?: AbortSignal) => Promise<number[]>;
  embeddingModelOf?: (knowledgeBaseId: string) => string | Promise<string>;
}

/** Knowledge bases that share one query vector, so they are searched together. */
export interface VectorGroup {
  knowledgeBaseIds: string[];
  vector: number[];
}

/**
 * Embeds the query once per embedding model. With `embeddingModelOf`, knowledge bases of one model share one embedding
 * call; without it, each knowledge base is embedded and those whose vectors come out identical (same model) are grouped.
 */
export async function embedByModel(options: EmbedByModelOptions, knowledgeBaseIds: string[], text: string, signal?: AbortSignal): Promise<VectorGroup[]> {
  const keys = await Promise.all(knowledgeBaseIds.map(async (id) => (options.embeddingModelOf === undefined ? `kb:${id}` : `model:${await options.embeddingModelOf(id)}`)));
  const byKey = new Map<string, string[]>();
  knowledgeBaseIds.forEach((id, index) => {
    const key = keys[index] ?? id;
    byKey.set(key, [...(byKey.get(key) ?? []), id]);
  });
  const embedded = await Promise.all(
    [...byKey.values()].map(async (ids) => ({ knowledgeBaseIds: ids, vector: await embedOne(options, ids, text, signal) })),
  );
  const byVector = new Map<string, VectorGroup>();
  for (const group of embedded) {
    const key = group.vector.join(',');
    const existing = byVector.get(key);
    if (existing === undefined) byVector.set(key, group);
    else existing.knowledgeBaseIds.push(...group.knowledgeBaseIds);
  }
  return [...byVector.values()];
}

/** One vector search per group, same filters. */
export function searchGroups(store: VectorStore, groups: VectorGroup[], filter: Omit<IndexFilter, 'knowledgeBaseIds'>, limit: number): Promise<ScoredSegment[][]> {
  return Promise.all(groups.map((group) => store.search(group.vector, { ...filter, knowledgeBaseIds: group.knowledgeBaseIds }, limit)));
}

/** A failed query embedding as a typed error naming the knowledge bases; aborts and KnowledgeErrors pass through. */
async function embedOne(options: EmbedByModelOptions, knowledgeBaseIds: string[], text: string, signal?: AbortSignal): Promise<number[]> {
  try {
    return await options.embedQuery(knowledgeBaseIds[0] ?? '', text, signal);
  } catch (error) {
    if (error instanceof KnowledgeError || signal?.aborted) throw error;
    const retryable = (error as { isRetryable?: unknown } | null)?.isRetryable === true;
    throw new KnowledgeError(
      'embedding_failed',
      `Could not embed the query for knowledge base ${knowledgeBaseIds.map((id) => `"${id}"`).join(', ')} with its embedding model: ` +
        `${error instanceof Error ? error.message : String(error)}. Check that model's provider, or search in keyword mode meanwhile.`,
      { cause: error, isRetryable: retryable },
    );
  }
}
