import { z } from 'zod';

/** How a document is cut into segments. `general`: flat chunks. `parent-child`: small children are matched, their parent is returned. */
export const chunkSettingsSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('general'),
    /** Tried in order; the text is split on the first that yields pieces small enough. `\n\n` then `\n` then `. ` by default. */
    separators: z.array(z.string().min(1)).min(1).default(['\n\n', '\n', '. ', '。', ' ']),
    maxTokens: z.number().int().min(16).max(4000).default(500),
    overlapTokens: z.number().int().min(0).max(1000).default(50),
  }),
  z.object({
    mode: z.literal('parent-child'),
    parent: z.object({
      /** `paragraph`: parents are chunks of up to maxTokens; `full-doc`: the whole document is one parent. */
      scope: z.enum(['paragraph', 'full-doc']).default('paragraph'),
      separators: z.array(z.string().min(1)).min(1).default(['\n\n']),
      maxTokens: z.number().int().min(16).max(8000).default(1000),
    }),
    child: z.object({
      separators: z.array(z.string().min(1)).min(1).default(['\n', '. ', '。']),
      maxTokens: z.number().int().min(8).max(1000).default(200),
    }),
  }),
]);

export type ChunkSettings = z.infer<typeof chunkSettingsSchema>;
export type ChunkSettingsInput = z.input<typeof chunkSettingsSchema>;

/** A piece of a document. In parent-child mode, parents have `parentIndex` undefined and children point at them. */
export interface Chunk {
  /** Order within the document. */
  position: number;
  content: string;
  tokens: number;
  /** `parent` chunks are returned as context and never embedded; `child` and `general` chunks are embedded and matched. */
  role: 'general' | 'parent' | 'child';
  /** For children: the `position` of their parent chunk. */
  parentPosition?: number;
}

/** Text extracted from an uploaded file or pasted, before chunking. */
export interface ParsedDocument {
  text: string;
  /** e.g. title, page count, sheet names. */
  metadata: Record<string, unknown>;
}

export const supportedExtensions = ['txt', 'md', 'markdown', 'html', 'htm', 'pdf', 'docx', 'csv'] as const;
export type SupportedExtension = (typeof supportedExtensions)[number];
