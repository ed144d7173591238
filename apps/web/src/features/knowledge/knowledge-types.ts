import type { RouterInputs, RouterOutputs } from '../../lib/trpc';

/** The knowledge procedures' shapes as the browser sees them (dates as ISO text), from the API's router types. */
export type KnowledgeBaseView = RouterOutputs['knowledge']['get'];
export type DocumentView = RouterOutputs['knowledge']['documents']['list'][number];
export type CreateKnowledgeBaseInput = RouterInputs['knowledge']['create'];
export type RetrievalTestInput = RouterInputs['knowledge']['retrievalTest'];
export type RetrievalTestHit = RouterOutputs['knowledge']['retrievalTest']['hits'][number];
export type ChunkPreviewAnswer = RouterOutputs['knowledge']['previewChunks'];
