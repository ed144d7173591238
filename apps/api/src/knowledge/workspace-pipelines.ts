import { createIngestionPipeline, type IngestionPipeline } from '@weft/knowledge';
import type { KeywordIndex, KnowledgeRepository, VectorStore } from '@weft/knowledge/spec';
import type { Logger } from '@weft/workflow-engine/spec';
import type { WorkspaceModelsCache } from '../runtime/workspace-models';
import type { KnowledgeBaseDirectory } from './knowledge-base-directory';

export interface WorkspacePipelinesOptions {
  repository: KnowledgeRepository;
  vectorStore: VectorStore;
  keywordIndex: KeywordIndex;
  workspaceModels: WorkspaceModelsCache;
  knowledgeBases: KnowledgeBaseDirectory;
  logger: Logger;
  maxBytes: number;
}

/**
 * One ingestion pipeline for every workspace, as the queues see it: each call is routed to the pipeline built on
 * the knowledge base's workspace gateway (its provider credentials resolve `provider:model`). A pipeline is rebuilt
 * when the workspace's credentials change (the gateway's fingerprint moves).
 */
export function createWorkspacePipelines(options: WorkspacePipelinesOptions): IngestionPipeline {
  const byWorkspace = new Map<string, { fingerprint: string; pipeline: IngestionPipeline }>();

  async function pipelineFor(knowledgeBaseId: string): Promise<IngestionPipeline> {
    const { workspaceId } = await options.knowledgeBases.get(knowledgeBaseId);
    const models = await options.workspaceModels.get(workspaceId);
    const existing = byWorkspace.get(workspaceId);
    if (existing?.fingerprint === models.fingerprint) return existing.pipeline;
    const pipeline = createIngestionPipeline({
      repository: options.repository,
      vectorStore: options.vectorStore,
      keywordIndex: options.keywordIndex,
      embeddings: (modelId) => models.models.embeddingModel(modelId),
      logger: options.logger,
      maxBytes: options.maxBytes,
    });
    byWorkspace.set(workspaceId, { fingerprint: models.fingerprint, pipeline });
    return pipeline;
  }

  return {
    markQueued: async (job) => (await pipelineFor(job.knowledgeBaseId)).markQueued(job),
    ingest: async (job, runOptions) => (await pipelineFor(job.knowledgeBaseId)).ingest(job, runOptions),
    remove: async (knowledgeBaseId, documentId) => (await pipelineFor(knowledgeBaseId)).remove(knowledgeBaseId, documentId),
    clearKnowledgeBase: async (knowledgeBaseId) => (await pipelineFor(knowledgeBaseId)).clearKnowledgeBase(knowledgeBaseId),
    reembed: async (knowledgeBaseId, jobs) => (await pipelineFor(knowledgeBaseId)).reembed(knowledgeBaseId, jobs),
  };
}
