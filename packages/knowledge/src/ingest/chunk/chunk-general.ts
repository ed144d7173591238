import type { Chunk, ChunkSettings } from '../../spec';
import { countTokens } from './count-tokens';
import { mergePieces } from './merge-pieces';
import { splitText } from './split-text';

type GeneralSettings = Extract<ChunkSettings, { mode: 'general' }>;

/** Flat chunks of at most `maxTokens`, consecutive ones sharing up to `overlapTokens`. */
export function chunkGeneral(text: string, settings: GeneralSettings): Chunk[] {
  // Pieces leave room for a full overlap in front of them, or big pieces would squeeze the overlap out.
  const pieces = splitText(text, settings.separators, settings.maxTokens - settings.overlapTokens);
  return mergePieces(pieces, settings.maxTokens, settings.overlapTokens).map((content, position) => ({
    position,
    content,
    tokens: countTokens(content),
    role: 'general',
  }));
}
