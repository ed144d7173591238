import { KnowledgeError, type IndexedSegment, type ScoredSegment } from '../spec';

const identifier = /^[a-z_][a-z0-9_]{0,39}$/;

/** Checks a table or schema name (interpolated into DDL, so it must be a plain identifier) and quotes it. */
export function quoteIdentifier(name: string, what: string): string {
  if (!identifier.test(name)) {
    throw new KnowledgeError(
      'invalid_settings',
      `The pgvector ${what} name "${name}" is not allowed: use lower-case letters, digits and underscores, starting with a letter, at most 40 characters.`,
    );
  }
  return `"${name}"`;
}

/** pgvector's HNSW indexes `vector` up to 2,000 dimensions and `halfvec` up to 4,000; beyond that, search is exact. */
export type AnnIndexKind = 'vector' | 'halfvec' | 'none';

export function annIndexKind(dimensions: number): AnnIndexKind {
  if (dimensions <= 2000) return 'vector';
  if (dimensions <= 4000) return 'halfvec';
  return 'none';
}

/** The distance expression a search orders by; it must match the index expression for the index to be used. */
export function distanceSql(dimensions: number, parameter: string): string {
  return annIndexKind(dimensions) === 'halfvec'
    ? `(embedding::halfvec(${dimensions})) <=> ${parameter}::halfvec(${dimensions})`
    : `embedding <=> ${parameter}::vector(${dimensions})`;
}

export interface HnswSettings {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export function vectorTableDdl(table: string, indexPrefix: string, dimensions: number, hnsw: HnswSettings): string[] {
  const kind = annIndexKind(dimensions);
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${table} (
      segment_id text PRIMARY KEY,
      knowledge_base_id text NOT NULL,
      document_id text NOT NULL,
      document_name text NOT NULL,
      content text NOT NULL,
      parent_content text,
      tags text[] NOT NULL DEFAULT '{}',
      metadata jsonb,
      embedding vector(${dimensions}) NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS "${indexPrefix}_document_idx" ON ${table} (knowledge_base_id, document_id)`,
  ];
  const withClause = `WITH (m = ${hnsw.m}, ef_construction = ${hnsw.efConstruction})`;
  if (kind === 'vector') {
    statements.push(`CREATE INDEX IF NOT EXISTS "${indexPrefix}_hnsw_idx" ON ${table} USING hnsw (embedding vector_cosine_ops) ${withClause}`);
  } else if (kind === 'halfvec') {
    statements.push(
      `CREATE INDEX IF NOT EXISTS "${indexPrefix}_hnsw_idx" ON ${table} USING hnsw ((embedding::halfvec(${dimensions})) halfvec_cosine_ops) ${withClause}`,
    );
  }
  return statements;
}

/** pgvector's text input format. Non-finite numbers are refused before they reach SQL. */
export function vectorLiteral(vector: number[]): string {
  for (const value of vector) {
    if (!Number.isFinite(value)) {
      throw new KnowledgeError(
        'embedding_failed',
        `An embedding contains ${String(value)}: the embedding model returned an invalid vector. Re-embed the document, or check the model.`,
      );
    }
  }
  return `[${vector.join(',')}]`;
}

export interface SegmentRow {
  segment_id: string;
  knowledge_base_id: string;
  document_id: string;
  document_name: string;
  content: string;
  parent_content: string | null;
  tags: string[] | null;
  metadata: Record<string, unknown> | string | null;
  score: number | string;
}

export const segmentColumns = 'segment_id, knowledge_base_id, document_id, document_name, content, parent_content, tags, metadata';

export function toScoredSegment(row: SegmentRow): ScoredSegment {
  const segment: IndexedSegment = {
    segmentId: row.segment_id,
    knowledgeBaseId: row.knowledge_base_id,
    documentId: row.document_id,
    documentName: row.document_name,
    content: row.content,
    tags: row.tags ?? [],
  };
  if (row.parent_content !== null) segment.parentContent = row.parent_content;
  const metadata = typeof row.metadata === 'string' ? (JSON.parse(row.metadata) as Record<string, unknown>) : row.metadata;
  if (metadata !== null) segment.metadata = metadata;
  return { segment, score: clampSimilarity(Number(row.score)) };
}

/** Cosine similarity is -1..1; the contract promises 0..1, and opposite directions are simply not similar. */
export function clampSimilarity(score: number): number {
  return Math.min(1, Math.max(0, score));
}
