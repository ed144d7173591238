import { KnowledgeError, type IndexFilter, type IndexedSegment, type SqlExecutor, type VectorStore } from '../spec';
import { extensionError, storeError } from './pgvector-errors';
import {
  distanceSql,
  quoteIdentifier,
  segmentColumns,
  toScoredSegment,
  vectorLiteral,
  vectorTableDdl,
  type HnswSettings,
  type SegmentRow,
} from './pgvector-sql';

export interface PgvectorStoreOptions {
  sql: SqlExecutor;
  /** Base table name; vectors of N dimensions live in `<table>_<N>`, the knowledge base → dimensions map in `<table>_collections`. */
  table?: string;
  schema?: string;
  /** HNSW build and search parameters (pgvector's defaults: m 16, efConstruction 64, efSearch 40). */
  hnsw?: Partial<HnswSettings>;
  /** Rows per INSERT statement (default 500). */
  batchSize?: number;
  /** Whether the store owns the executor and `close()` closes it (the embedded store). */
  onClose?: () => Promise<void>;
}

export interface PgvectorStore extends VectorStore {
  readonly kind: 'pgvector';
  /** The quoted, schema-qualified table holding vectors of `dimensions` (for backups, migrations and benches). */
  tableFor(dimensions: number): string;
}

const maxDimensions = 16000;

/**
 * pgvector over any `SqlExecutor` (PostgreSQL with the extension, PGlite with `@electric-sql/pglite-pgvector`).
 *
 * One table per dimension count (`knowledge_vectors_512`, …): an HNSW index needs a typed `vector(N)` column, and
 * every knowledge base of one embedding model then shares one index, instead of an untyped column with an expression
 * index per dimension that every query must repeat exactly. A small `<table>_collections` table records each knowledge
 * base's dimensions so a query embedded with the wrong model fails loudly instead of finding nothing.
 *
 * Filtered searches rely on pgvector ≥ 0.8's iterative index scans, enabled on the session at the first use; over a
 * pool of connections, set it for every connection too (`options=-c hnsw.iterative_scan=strict_order`).
 */
export function createPgvectorStore(options: PgvectorStoreOptions): PgvectorStore {
  const { sql } = options;
  const baseName = options.table ?? 'knowledge_vectors';
  const schema = options.schema === undefined ? undefined : quoteIdentifier(options.schema, 'schema');
  const qualify = (name: string) => (schema === undefined ? quoteIdentifier(name, 'table') : `${schema}.${quoteIdentifier(name, 'table')}`);
  const registry = qualify(`${baseName}_collections`);
  const hnsw: HnswSettings = { m: 16, efConstruction: 64, efSearch: 40, ...options.hnsw };
  const batchSize = options.batchSize ?? 500;
  const readyTables = new Set<number>();
  let ready: Promise<void> | undefined;

  const tableFor = (dimensions: number) => qualify(`${baseName}_${dimensions}`);

  async function run<Row>(action: string, text: string, params?: unknown[]): Promise<Row[]> {
    try {
      return (await sql.query<Row>(text, params)).rows;
    } catch (error) {
      throw storeError(action, error);
    }
  }

  async function prepare(): Promise<void> {
    const installed = await run<{ extversion: string }>('check the vector extension', `SELECT extversion FROM pg_extension WHERE extname = 'vector'`);
    if (installed.length === 0) {
      try {
        await sql.query('CREATE EXTENSION IF NOT EXISTS vector');
      } catch (error) {
        throw extensionError(error);
      }
    }
    if (schema !== undefined) await run('create its schema', `CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await ignoringCreateRace(() =>
      run('create its collections table', `CREATE TABLE IF NOT EXISTS ${registry} (knowledge_base_id text PRIMARY KEY, dimensions integer NOT NULL)`),
    );
    await run('configure the session', `SELECT set_config('hnsw.iterative_scan', 'strict_order', false), set_config('hnsw.ef_search', $1, false)`, [
      String(hnsw.efSearch),
    ]);
  }

  function ensureReady(): Promise<void> {
    ready ??= prepare().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  }

  async function ensureTable(dimensions: number): Promise<void> {
    if (readyTables.has(dimensions)) return;
    const prefix = `${options.schema ?? 'public'}_${baseName}_${dimensions}`.slice(0, 50);
    for (const statement of vectorTableDdl(tableFor(dimensions), prefix, dimensions, hnsw)) {
      await ignoringCreateRace(() => run(`create the table for ${dimensions}-dimension vectors`, statement));
    }
    readyTables.add(dimensions);
  }

  async function dimensionsOf(knowledgeBaseIds: string[]): Promise<Map<string, number>> {
    const rows = await run<{ knowledge_base_id: string; dimensions: number }>(
      'read its collections',
      `SELECT knowledge_base_id, dimensions FROM ${registry} WHERE knowledge_base_id = ANY($1::text[])`,
      [knowledgeBaseIds],
    );
    return new Map(rows.map((row) => [row.knowledge_base_id, Number(row.dimensions)]));
  }

  async function insertBatch(dimensions: number, batch: { segment: IndexedSegment; vector: number[] }[]): Promise<void> {
    const params: unknown[] = [];
    const tuples = batch.map(({ segment, vector }) => {
      params.push(
        segment.segmentId,
        segment.knowledgeBaseId,
        segment.documentId,
        segment.documentName,
        segment.content,
        segment.parentContent ?? null,
        segment.tags,
        segment.metadata === undefined ? null : JSON.stringify(segment.metadata),
        vectorLiteral(vector),
      );
      const at = params.length - 9;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}::text[], $${at + 8}::text::jsonb, $${at + 9}::text::vector(${dimensions}))`;
    });
    await run(
      'store vectors',
      `INSERT INTO ${tableFor(dimensions)} (${segmentColumns}, embedding) VALUES ${tuples.join(', ')}
       ON CONFLICT (segment_id) DO UPDATE SET knowledge_base_id = EXCLUDED.knowledge_base_id, document_id = EXCLUDED.document_id,
         document_name = EXCLUDED.document_name, content = EXCLUDED.content, parent_content = EXCLUDED.parent_content,
         tags = EXCLUDED.tags, metadata = EXCLUDED.metadata, embedding = EXCLUDED.embedding`,
      params,
    );
  }

  return {
    kind: 'pgvector',
    tableFor,

    async ensureCollection(knowledgeBaseId, dimensions) {
      if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > maxDimensions) {
        throw new KnowledgeError('invalid_settings', `Cannot store ${dimensions}-dimension vectors: pgvector takes whole numbers from 1 to ${maxDimensions}.`);
      }
      await ensureReady();
      await ensureTable(dimensions);
      await run('record the collection', `INSERT INTO ${registry} (knowledge_base_id, dimensions) VALUES ($1, $2) ON CONFLICT (knowledge_base_id) DO NOTHING`, [
        knowledgeBaseId,
        dimensions,
      ]);
      const recorded = (await dimensionsOf([knowledgeBaseId])).get(knowledgeBaseId);
      if (recorded !== dimensions) throw mismatch(knowledgeBaseId, recorded ?? dimensions, dimensions, 'ensureCollection');
    },

    async upsert(items) {
      if (items.length === 0) return;
      await ensureReady();
      const latest = [...new Map(items.map((item) => [item.segment.segmentId, item])).values()];
      const recorded = await dimensionsOf([...new Set(latest.map((item) => item.segment.knowledgeBaseId))]);
      const byDimensions = new Map<number, typeof latest>();
      for (const item of latest) {
        const { knowledgeBaseId } = item.segment;
        const dimensions = recorded.get(knowledgeBaseId);
        if (dimensions === undefined) {
          throw new KnowledgeError('not_found', `Knowledge base "${knowledgeBaseId}" has no vector collection: call ensureCollection("${knowledgeBaseId}", dimensions) before upserting.`);
        }
        if (item.vector.length !== dimensions) throw mismatch(knowledgeBaseId, dimensions, item.vector.length, 'upsert');
        const group = byDimensions.get(dimensions) ?? [];
        group.push(item);
        byDimensions.set(dimensions, group);
      }
      for (const [dimensions, group] of byDimensions) {
        await ensureTable(dimensions);
        for (let start = 0; start < group.length; start += batchSize) await insertBatch(dimensions, group.slice(start, start + batchSize));
      }
    },

    async deleteByDocument(knowledgeBaseId, documentId) {
      await ensureReady();
      const dimensions = (await dimensionsOf([knowledgeBaseId])).get(knowledgeBaseId);
      if (dimensions === undefined) return;
      await ensureTable(dimensions);
      await run('delete a document’s vectors', `DELETE FROM ${tableFor(dimensions)} WHERE knowledge_base_id = $1 AND document_id = $2`, [knowledgeBaseId, documentId]);
    },

    async deleteByKnowledgeBase(knowledgeBaseId) {
      await ensureReady();
      const dimensions = (await dimensionsOf([knowledgeBaseId])).get(knowledgeBaseId);
      if (dimensions === undefined) return;
      await ensureTable(dimensions);
      await run('delete a knowledge base’s vectors', `DELETE FROM ${tableFor(dimensions)} WHERE knowledge_base_id = $1`, [knowledgeBaseId]);
      await run('forget a collection', `DELETE FROM ${registry} WHERE knowledge_base_id = $1`, [knowledgeBaseId]);
    },

    async search(vector, filter, topK) {
      const knowledgeBaseIds = [...new Set(filter.knowledgeBaseIds)];
      if (topK <= 0 || knowledgeBaseIds.length === 0) return [];
      await ensureReady();
      const recorded = await dimensionsOf(knowledgeBaseIds);
      for (const [knowledgeBaseId, dimensions] of recorded) {
        if (dimensions !== vector.length) throw mismatch(knowledgeBaseId, dimensions, vector.length, 'search');
      }
      if (recorded.size === 0) return [];
      await ensureTable(vector.length);
      const { where, params } = whereClause(filter, [...recorded.keys()], vectorLiteral(vector));
      const distance = distanceSql(vector.length, '$1');
      const rows = await run<SegmentRow>(
        'search vectors',
        `SELECT ${segmentColumns}, 1 - (${distance}) AS score FROM ${tableFor(vector.length)}
         WHERE ${where} ORDER BY ${distance} LIMIT ${Math.floor(topK)}`,
        params,
      );
      return rows.map(toScoredSegment);
    },

    async close() {
      await options.onClose?.();
    },
  };
}

function whereClause(filter: IndexFilter, knowledgeBaseIds: string[], vector: string): { where: string; params: unknown[] } {
  const params: unknown[] = [vector, knowledgeBaseIds];
  const conditions = ['knowledge_base_id = ANY($2::text[])'];
  if (filter.documentIds !== undefined && filter.documentIds.length > 0) {
    params.push(filter.documentIds);
    conditions.push(`document_id = ANY($${params.length}::text[])`);
  }
  if (filter.tags !== undefined && filter.tags.length > 0) {
    params.push(filter.tags);
    conditions.push(`tags && $${params.length}::text[]`);
  }
  return { where: conditions.join(' AND '), params };
}

function mismatch(knowledgeBaseId: string, recorded: number, given: number, operation: string): KnowledgeError {
  return new KnowledgeError(
    'dimension_mismatch',
    `Knowledge base "${knowledgeBaseId}" holds ${recorded}-dimension vectors but ${operation} got ${given}: it was embedded with another model. ` +
      'Use the knowledge base’s embedding model, or re-embed it: deleteByKnowledgeBase, then ensureCollection with the new dimensions.',
  );
}

// Two processes creating the same table at once can collide on the catalog even with IF NOT EXISTS.
async function ignoringCreateRace(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    const code = ((error as { cause?: { code?: unknown } }).cause ?? {}).code;
    if (code !== '23505' && code !== '42P07') throw error;
  }
}
