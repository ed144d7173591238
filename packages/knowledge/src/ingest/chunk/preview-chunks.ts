import type { Chunk, ChunkSettingsInput, ParsedDocument } from '../../spec';
import { chunkDocument } from './chunk-document';

export interface ChunkPreview {
  /** The first `limit` general chunks, or the first `limit` parents each followed by its children. */
  chunks: Chunk[];
  /** General chunks, or parents, in the whole document. */
  total: number;
  /** Chunks that would be embedded (general chunks or children) in the whole document. */
  embeddedTotal: number;
  /** Tokens sent to the embedding model for the whole document (general chunks or children). */
  embeddedTokens: number;
}

/** What the UI shows before indexing: the document chunked with these settings, cut to `limit` top-level chunks. */
export function previewChunks(parsed: ParsedDocument, settings: ChunkSettingsInput, limit = 20): ChunkPreview {
  const chunks = chunkDocument(parsed.text, settings);
  const topLevel = chunks.filter((chunk) => chunk.role !== 'child');
  const embedded = chunks.filter((chunk) => chunk.role !== 'parent');
  const cutAt = topLevel[limit]?.position ?? chunks.length;
  return {
    chunks: chunks.filter((chunk) => chunk.position < cutAt),
    total: topLevel.length,
    embeddedTotal: embedded.length,
    embeddedTokens: embedded.reduce((sum, chunk) => sum + chunk.tokens, 0),
  };
}
