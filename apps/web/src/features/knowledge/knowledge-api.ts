'use client';

import type { Chunk, ChunkSettingsInput, DocumentStatus, IngestProgress } from '@weft/knowledge/spec';
import type { RetrievalHit } from '@weft/workflow-engine/spec';
import { useMemo } from 'react';
import { useTRPCClient } from '../../lib/trpc';

/**
 * The knowledge procedures this UI calls. They are not in `AppRouter` yet (packages/knowledge is being built and
 * wired into apps/api separately), so their shapes are written down here, the ONE place the UI assumes them.
 * When `knowledge` lands in the router, replace `useKnowledgeApi` with `useTRPC().knowledge` and delete this file.
 */
export interface KnowledgeBaseView {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  /** `provider:model` of the embedding model, e.g. `local:use-lite`. */
  embeddingModel: string;
  chunkSettings?: ChunkSettingsInput;
  documentCount?: number;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentView {
  id: string;
  knowledgeBaseId: string;
  name: string;
  status: DocumentStatus;
  /** 0–100. */
  progress: number;
  error?: { code: string; message: string } | null;
  segmentCount?: number;
  tokens?: number;
  createdAt: string;
}

export interface CreateKnowledgeBaseInput {
  workspaceId: string;
  name: string;
  description?: string;
  embeddingModel: string;
  chunkSettings?: ChunkSettingsInput;
}

export interface UploadDocumentInput {
  knowledgeBaseId: string;
  fileName: string;
  /** The file's bytes, base64 (JSON has no bytes). */
  contentBase64: string;
  tags?: string[];
}

export interface RetrievalTestInput {
  knowledgeBaseId: string;
  query: string;
  topK: number;
  mode: 'vector' | 'keyword' | 'hybrid';
  scoreThreshold?: number;
}

interface Query<Input, Output> {
  query(input: Input): Promise<Output>;
}
interface Mutation<Input, Output> {
  mutate(input: Input): Promise<Output>;
}
interface Subscription<Input, Output> {
  subscribe(input: Input, handlers: { onStarted?(): void; onData(data: Output): void; onError(error: unknown): void }): { unsubscribe(): void };
}
type KnowledgeBaseRef = { knowledgeBaseId: string };
type DocumentRef = KnowledgeBaseRef & { documentId: string };

export interface KnowledgeApi {
  list: Query<{ workspaceId: string }, KnowledgeBaseView[]>;
  create: Mutation<CreateKnowledgeBaseInput, KnowledgeBaseView>;
  get: Query<KnowledgeBaseRef, KnowledgeBaseView>;
  delete: Mutation<KnowledgeBaseRef, unknown>;
  documents: {
    list: Query<KnowledgeBaseRef, DocumentView[]>;
    upload: Mutation<UploadDocumentInput, DocumentView>;
    createFromText: Mutation<KnowledgeBaseRef & { name: string; text: string; tags?: string[] }, DocumentView>;
    retry: Mutation<DocumentRef, DocumentView>;
    delete: Mutation<DocumentRef, unknown>;
    /** Every progress change of the knowledge base's documents while subscribed. */
    progress: Subscription<KnowledgeBaseRef, IngestProgress>;
  };
  previewChunks: Mutation<KnowledgeBaseRef & { text: string; chunkSettings: ChunkSettingsInput }, { chunks: Chunk[] } | Chunk[]>;
  retrievalTest: Mutation<RetrievalTestInput, { hits: RetrievalHit[]; elapsedMs?: number } | RetrievalHit[]>;
}

export function useKnowledgeApi(): KnowledgeApi {
  const client = useTRPCClient();
  // Memoized: every property read on the client proxy makes a new object, which would re-run effects each render.
  // The one cast: the router does not declare these procedures yet (see above); the proxy calls them by path.
  return useMemo(() => (client as unknown as { knowledge: KnowledgeApi }).knowledge, [client]);
}

/** Query keys of the knowledge screens (not tRPC's, since these calls bypass the typed options proxy). */
export const knowledgeKeys = {
  all: ['knowledge'] as const,
  list: (workspaceId: string) => ['knowledge', 'list', workspaceId] as const,
  base: (knowledgeBaseId: string) => ['knowledge', 'base', knowledgeBaseId] as const,
  documents: (knowledgeBaseId: string) => ['knowledge', 'documents', knowledgeBaseId] as const,
};

/** Both answer shapes the procedures may settle on: a bare list or `{ chunks }` / `{ hits }`. */
export function listOf<Item>(answer: Item[] | Record<string, unknown>, field: string): Item[] {
  if (Array.isArray(answer)) return answer;
  const value = answer[field];
  return Array.isArray(value) ? (value as Item[]) : [];
}
