import type { Chunk, ChunkSettings } from '../../spec';
import { countTokens } from './count-tokens';
import { mergePieces } from './merge-pieces';
import { splitText } from './split-text';

type ParentChildSettings = Extract<ChunkSettings, { mode: 'parent-child' }>;

/**
 * Parents (paragraph-sized chunks, or the whole document) each followed by their children: small chunks
 * cut from inside the parent, matched at retrieval while the parent is returned as context. Positions
 * run through parents and children in reading order; children point at their parent's position.
 */
export function chunkParentChild(text: string, settings: ParentChildSettings): Chunk[] {
  const { parent, child } = settings;
  const parents =
    parent.scope === 'full-doc' ? [text.trim()] : mergePieces(splitText(text, parent.separators, parent.maxTokens), parent.maxTokens, 0);
  const chunks: Chunk[] = [];
  for (const parentContent of parents) {
    if (parentContent === '') continue;
    const parentPosition = chunks.length;
    chunks.push({ position: parentPosition, content: parentContent, tokens: countTokens(parentContent), role: 'parent' });
    for (const content of mergePieces(splitText(parentContent, child.separators, child.maxTokens), child.maxTokens, 0)) {
      chunks.push({ position: chunks.length, content, tokens: countTokens(content), role: 'child', parentPosition });
    }
  }
  return chunks;
}
