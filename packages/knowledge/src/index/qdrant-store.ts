import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as QdrantRest from '@qdrant/js-client-rest';
import { KnowledgeError, type IndexFilter, type IndexedSegment, type ScoredSegment, type VectorStore } from '../spec';
import { clampSimilarity } from './pgvector-sql';

export interface QdrantStoreOptions {
  url: string;
  apiKey?: string;
  /** Collections are `<prefix>_<dimensions>` plus `<prefix>_collections` (knowledge base → dimensions). */
  collectionPrefix: string;
  /** Points per upsert request (default 256). */
  batchSize?: number;
}

interface SegmentPayload {
  segment_id: string;
  knowledge_base_id: string;
  document_id: string;
  document_name: string;
  content: string;
  parent_content?: string;
  tags: string[];
  metadata?: Record<string, unknown>;
}

/** Qdrant point ids are UUIDs or integers; segment and knowledge base ids are neither, so they are hashed into UUIDs. */
export function pointId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function statusOf(error: unknown): number | undefined {
  const match = /Unexpected Response: (\d{3})/.exec(error instanceof Error ? error.message : '');
  return match === null ? undefined : Number(match[1]);
}

/**
 * Qdrant, one collection per dimension count shared by every knowledge base of that size (Qdrant's advice for many
 * tenants: payload partitioning, with `knowledge_base_id` indexed as the tenant key, instead of a collection each).
 */
export function createQdrantStore(options: QdrantStoreOptions): VectorStore {
  // Required here, not when the package loads (~18 MB resident, with undici): only a Qdrant deployment needs it.
  // The CommonJS entry keeps construction, and its config errors, synchronous.
  const { QdrantClient } = createRequire(import.meta.url)('@qdrant/js-client-rest') as typeof QdrantRest;
  const client = new QdrantClient({ url: options.url, apiKey: options.apiKey, checkCompatibility: false });
  const prefix = options.collectionPrefix;
  const registry = `${prefix}_collections`;
  const batchSize = options.batchSize ?? 256;
  const readyCollections = new Set<string>();
  const collectionFor = (dimensions: number) => `${prefix}_${dimensions}`;

  async function call<T>(action: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof KnowledgeError) throw error;
      const status = statusOf(error);
      const retryable = status === undefined || status === 429 || status >= 500;
      throw new KnowledgeError(
        'vector_store_unavailable',
        `Qdrant at ${options.url} could not ${action}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. ` +
          (status === 401 || status === 403 ? 'Check QDRANT_API_KEY.' : 'Check that Qdrant is running and QDRANT_URL points at it.'),
        { cause: error, isRetryable: retryable },
      );
    }
  }

  async function ensure(name: string, create: () => Promise<unknown>): Promise<void> {
    if (readyCollections.has(name)) return;
    const { exists } = await call('check a collection', () => client.collectionExists(name));
    if (!exists) {
      try {
        await create();
      } catch (error) {
        if (statusOf(error) !== 409) await call('create a collection', () => Promise.reject(error));
      }
    }
    readyCollections.add(name);
  }

  const ensureRegistry = () => ensure(registry, () => client.createCollection(registry, { vectors: { size: 1, distance: 'Dot' } }));

  const ensureVectors = (dimensions: number) =>
    ensure(collectionFor(dimensions), async () => {
      const name = collectionFor(dimensions);
      await client.createCollection(name, { vectors: { size: dimensions, distance: 'Cosine' } });
      await client.createPayloadIndex(name, { field_name: 'knowledge_base_id', field_schema: { type: 'keyword', is_tenant: true }, wait: true });
      await client.createPayloadIndex(name, { field_name: 'document_id', field_schema: 'keyword', wait: true });
      await client.createPayloadIndex(name, { field_name: 'tags', field_schema: 'keyword', wait: true });
    });

  async function dimensionsOf(knowledgeBaseIds: string[]): Promise<Map<string, number>> {
    await ensureRegistry();
    const points = await call('read its collections', () =>
      client.retrieve(registry, { ids: knowledgeBaseIds.map(pointId), with_payload: true }),
    );
    const found = new Map<string, number>();
    for (const point of points) {
      const payload = point.payload as { knowledge_base_id?: string; dimensions?: number } | null | undefined;
      if (payload?.knowledge_base_id !== undefined && payload.dimensions !== undefined) found.set(payload.knowledge_base_id, payload.dimensions);
    }
    return found;
  }

  return {
    kind: 'qdrant',

    async ensureCollection(knowledgeBaseId, dimensions) {
      if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 65536) {
        throw new KnowledgeError('invalid_settings', `Cannot store ${dimensions}-dimension vectors: Qdrant takes whole numbers from 1 to 65536.`);
      }
      const recorded = (await dimensionsOf([knowledgeBaseId])).get(knowledgeBaseId);
      if (recorded !== undefined && recorded !== dimensions) throw mismatch(knowledgeBaseId, recorded, dimensions, 'ensureCollection');
      await ensureVectors(dimensions);
      if (recorded === undefined) {
        await call('record the collection', () =>
          client.upsert(registry, { wait: true, points: [{ id: pointId(knowledgeBaseId), vector: [1], payload: { knowledge_base_id: knowledgeBaseId, dimensions } }] }),
        );
      }
    },

    async upsert(items) {
      if (items.length === 0) return;
      const latest = [...new Map(items.map((item) => [item.segment.segmentId, item])).values()];
      const recorded = await dimensionsOf([...new Set(latest.map((item) => item.segment.knowledgeBaseId))]);
      const byDimensions = new Map<number, typeof latest>();
      for (const item of latest) {
        const dimensions = recorded.get(item.segment.knowledgeBaseId);
        if (dimensions === undefined) {
          throw new KnowledgeError('not_found', `Knowledge base "${item.segment.knowledgeBaseId}" has no vector collection: call ensureCollection("${item.segment.knowledgeBaseId}", dimensions) before upserting.`);
        }
        if (item.vector.length !== dimensions) throw mismatch(item.segment.knowledgeBaseId, dimensions, item.vector.length, 'upsert');
        if (!item.vector.every(Number.isFinite)) {
          throw new KnowledgeError('embedding_failed', 'An embedding contains NaN or Infinity: the embedding model returned an invalid vector. Re-embed the document, or check the model.');
        }
        byDimensions.set(dimensions, [...(byDimensions.get(dimensions) ?? []), item]);
      }
      for (const [dimensions, group] of byDimensions) {
        await ensureVectors(dimensions);
        for (let start = 0; start < group.length; start += batchSize) {
          const points = group.slice(start, start + batchSize).map(({ segment, vector }) => ({ id: pointId(segment.segmentId), vector, payload: toPayload(segment) }));
          await call('store vectors', () => client.upsert(collectionFor(dimensions), { wait: true, points }));
        }
      }
    },

    async deleteByDocument(knowledgeBaseId, documentId) {
      const dimensions = (await dimensionsOf([knowledgeBaseId])).get(knowledgeBaseId);
      if (dimensions === undefined) return;
      await ensureVectors(dimensions);
      await call('delete a document’s vectors', () =>
        client.delete(collectionFor(dimensions), { wait: true, filter: { must: [matchOne('knowledge_base_id', knowledgeBaseId), matchOne('document_id', documentId)] } }),
      );
    },

    async deleteByKnowledgeBase(knowledgeBaseId) {
      const dimensions = (await dimensionsOf([knowledgeBaseId])).get(knowledgeBaseId);
      if (dimensions === undefined) return;
      await ensureVectors(dimensions);
      await call('delete a knowledge base’s vectors', () =>
        client.delete(collectionFor(dimensions), { wait: true, filter: { must: [matchOne('knowledge_base_id', knowledgeBaseId)] } }),
      );
      await call('forget a collection', () => client.delete(registry, { wait: true, points: [pointId(knowledgeBaseId)] }));
    },

    async search(vector, filter, topK) {
      const knowledgeBaseIds = [...new Set(filter.knowledgeBaseIds)];
      if (topK <= 0 || knowledgeBaseIds.length === 0) return [];
      const recorded = await dimensionsOf(knowledgeBaseIds);
      for (const [knowledgeBaseId, dimensions] of recorded) {
        if (dimensions !== vector.length) throw mismatch(knowledgeBaseId, dimensions, vector.length, 'search');
      }
      if (recorded.size === 0) return [];
      await ensureVectors(vector.length);
      const response = await call('search vectors', () =>
        client.query(collectionFor(vector.length), { query: vector, filter: toFilter(filter, [...recorded.keys()]), limit: Math.floor(topK), with_payload: true }),
      );
      return response.points.map((point): ScoredSegment => ({ segment: fromPayload(point.payload as unknown as SegmentPayload), score: clampSimilarity(point.score) }));
    },

    async close() {},
  };
}

const matchOne = (key: string, value: string) => ({ key, match: { value } });
const matchAny = (key: string, values: string[]) => ({ key, match: { any: values } });

function toFilter(filter: IndexFilter, knowledgeBaseIds: string[]) {
  const must = [matchAny('knowledge_base_id', knowledgeBaseIds)];
  if (filter.documentIds !== undefined && filter.documentIds.length > 0) must.push(matchAny('document_id', filter.documentIds));
  if (filter.tags !== undefined && filter.tags.length > 0) must.push(matchAny('tags', filter.tags));
  return { must };
}

function toPayload(segment: IndexedSegment): Record<string, unknown> {
  const payload: SegmentPayload = {
    segment_id: segment.segmentId,
    knowledge_base_id: segment.knowledgeBaseId,
    document_id: segment.documentId,
    document_name: segment.documentName,
    content: segment.content,
    tags: segment.tags,
  };
  if (segment.parentContent !== undefined) payload.parent_content = segment.parentContent;
  if (segment.metadata !== undefined) payload.metadata = segment.metadata;
  return { ...payload };
}

function fromPayload(payload: SegmentPayload): IndexedSegment {
  const segment: IndexedSegment = {
    segmentId: payload.segment_id,
    knowledgeBaseId: payload.knowledge_base_id,
    documentId: payload.document_id,
    documentName: payload.document_name,
    content: payload.content,
    tags: payload.tags ?? [],
  };
  if (payload.parent_content !== undefined && payload.parent_content !== null) segment.parentContent = payload.parent_content;
  if (payload.metadata !== undefined && payload.metadata !== null) segment.metadata = payload.metadata;
  return segment;
}

function mismatch(knowledgeBaseId: string, recorded: number, given: number, operation: string): KnowledgeError {
  return new KnowledgeError(
    'dimension_mismatch',
    `Knowledge base "${knowledgeBaseId}" holds ${recorded}-dimension vectors but ${operation} got ${given}: it was embedded with another model. ` +
      'Use the knowledge base’s embedding model, or re-embed it: deleteByKnowledgeBase, then ensureCollection with the new dimensions.',
  );
}
