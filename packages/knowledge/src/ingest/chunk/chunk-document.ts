import { chunkSettingsSchema, KnowledgeError, type Chunk, type ChunkSettings, type ChunkSettingsInput } from '../../spec';
import { chunkGeneral } from './chunk-general';
import { chunkParentChild } from './chunk-parent-child';

/** Validates chunk settings (defaults applied); `invalid_settings` says which field to fix. */
export function parseChunkSettings(settings: ChunkSettingsInput): ChunkSettings {
  const parsed = chunkSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`).join('; ');
    throw new KnowledgeError('invalid_settings', `Invalid chunk settings: ${problems}. Fix these fields (optional ones may be left out to get their defaults).`);
  }
  const value = parsed.data;
  if (value.mode === 'general' && value.overlapTokens >= value.maxTokens) {
    throw new KnowledgeError(
      'invalid_settings',
      `Invalid chunk settings: overlapTokens (${value.overlapTokens}) must be smaller than maxTokens (${value.maxTokens}); an overlap of 10–20% of maxTokens is usual.`,
    );
  }
  return value;
}

/** Cuts cleaned document text into chunks: `general` (flat, with overlap) or `parent-child`. */
export function chunkDocument(text: string, settings: ChunkSettingsInput): Chunk[] {
  const parsed = parseChunkSettings(settings);
  return parsed.mode === 'general' ? chunkGeneral(text, parsed) : chunkParentChild(text, parsed);
}
