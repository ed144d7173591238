import { z } from 'zod';
import { chunkSettingsSchema, type ChunkSettings } from '@weft/knowledge/spec';
import { AppError } from '../errors';
import type { WorkspaceAccess } from '../services/members-access';
import { ingestableDocumentSelect, toIngestJob } from './ingest-jobs';
import type { KnowledgeAccess } from './knowledge-access';
import type { KnowledgeContext } from './knowledge-context';
import { knowledgeBaseSelect, toKnowledgeBaseView, type KnowledgeBaseView } from './knowledge-views';
import { removeUploadFiles } from './upload-storage';

const fields = {
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  description: z.string().max(2000, 'must be at most 2,000 characters'),
  embeddingModel: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]+:\S+$/, 'must be "provider:model", e.g. "local:use-lite" or "openai:text-embedding-3-small"'),
  chunkSettings: chunkSettingsSchema,
};

export const createKnowledgeBaseInputSchema = z.object({
  name: fields.name,
  description: fields.description.default(''),
  embeddingModel: fields.embeddingModel.default('local:use-lite'),
  /** Absent → general chunks with the package's defaults. */
  chunkSettings: fields.chunkSettings.default(() => chunkSettingsSchema.parse({ mode: 'general' })),
});
export const updateKnowledgeBaseInputSchema = z.object({
  name: fields.name.optional(),
  description: fields.description.optional(),
  embeddingModel: fields.embeddingModel.optional(),
  /** Applies to documents added or retried from now on; existing segments keep their chunks. */
  chunkSettings: fields.chunkSettings.optional(),
});

const parseSettings = (value: unknown): ChunkSettings => {
  const parsed = chunkSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : chunkSettingsSchema.parse({ mode: 'general' });
};

/** Fails with invalid_param when the workspace's providers cannot serve the model (unknown provider, chat-only…). */
async function checkEmbeddingModel(context: KnowledgeContext, workspaceId: string, modelId: string): Promise<void> {
  const { models } = await context.knowledge.workspaceModels.get(workspaceId);
  try {
    models.embeddingModel(modelId);
  } catch (error) {
    throw new AppError('invalid_param', `Embedding model "${modelId}" cannot be used: ${(error as Error).message}`, { cause: error });
  }
}

export async function listKnowledgeBases(context: KnowledgeContext, access: WorkspaceAccess): Promise<KnowledgeBaseView[]> {
  const rows = await context.prisma.knowledgeBase.findMany({ where: { workspaceId: access.workspaceId }, select: knowledgeBaseSelect, orderBy: { updatedAt: 'desc' } });
  return rows.map((row) => toKnowledgeBaseView(row, parseSettings));
}

export async function createKnowledgeBase(
  context: KnowledgeContext,
  access: WorkspaceAccess,
  input: z.infer<typeof createKnowledgeBaseInputSchema>,
): Promise<KnowledgeBaseView> {
  await checkEmbeddingModel(context, access.workspaceId, input.embeddingModel);
  const row = await context.prisma.knowledgeBase.create({
    data: { workspaceId: access.workspaceId, name: input.name, description: input.description, embeddingModel: input.embeddingModel, chunkSettings: input.chunkSettings },
    select: knowledgeBaseSelect,
  });
  return toKnowledgeBaseView(row, parseSettings);
}

export async function getKnowledgeBase(context: KnowledgeContext, access: KnowledgeAccess): Promise<KnowledgeBaseView> {
  const row = await context.prisma.knowledgeBase.findUnique({ where: { id: access.knowledgeBaseId }, select: knowledgeBaseSelect });
  if (row === null) throw new AppError('not_found', `Knowledge base "${access.knowledgeBaseId}" was just deleted. Go back to the list.`);
  return toKnowledgeBaseView(row, parseSettings);
}

/** Renames, re-describes, changes chunk settings; a new embedding model clears the vectors and re-embeds every document. */
export async function updateKnowledgeBase(
  context: KnowledgeContext,
  access: KnowledgeAccess,
  input: z.infer<typeof updateKnowledgeBaseInputSchema>,
): Promise<KnowledgeBaseView> {
  const before = await getKnowledgeBase(context, access);
  const modelChanged = input.embeddingModel !== undefined && input.embeddingModel !== before.embeddingModel;
  if (modelChanged && input.embeddingModel !== undefined) {
    await checkEmbeddingModel(context, access.workspaceId, input.embeddingModel);
    // A document still being embedded with the old model would register the old vector size after the clear.
    const busy = await context.prisma.document.count({ where: { knowledgeBaseId: access.knowledgeBaseId, status: { notIn: ['completed', 'error'] } } });
    if (busy > 0) {
      throw new AppError('conflict', `${busy} document(s) of this knowledge base are still being ingested; change the embedding model once they have finished.`);
    }
  }
  const { name, description, embeddingModel, chunkSettings } = input;
  await context.prisma.knowledgeBase.update({ where: { id: access.knowledgeBaseId }, data: { name, description, embeddingModel, chunkSettings } });
  if (modelChanged) await reembed(context, access.knowledgeBaseId);
  return getKnowledgeBase(context, access);
}

/** Drops the old model's vectors (bumping the generation), then queues every document again with the new model. */
async function reembed(context: KnowledgeContext, knowledgeBaseId: string): Promise<void> {
  const { knowledge, prisma } = context;
  knowledge.knowledgeBases.forget(knowledgeBaseId);
  await knowledge.pipeline.clearKnowledgeBase(knowledgeBaseId);
  const documents = await prisma.document.findMany({
    where: { knowledgeBaseId },
    select: ingestableDocumentSelect,
    orderBy: { createdAt: 'asc' },
  });
  for (const document of documents) await knowledge.enqueue(toIngestJob(document));
}

export async function deleteKnowledgeBase(context: KnowledgeContext, access: KnowledgeAccess): Promise<{ deleted: true }> {
  const { knowledge, prisma } = context;
  const uploads = await prisma.uploadFile.findMany({ where: { documents: { some: { knowledgeBaseId: access.knowledgeBaseId } } }, select: { id: true, storageKey: true } });
  await knowledge.vectorStore.deleteByKnowledgeBase(access.knowledgeBaseId);
  await knowledge.keywordIndex.deleteByKnowledgeBase(access.knowledgeBaseId);
  await prisma.knowledgeBase.deleteMany({ where: { id: access.knowledgeBaseId } });
  await removeUploadFiles(context, uploads);
  knowledge.knowledgeBases.forget(access.knowledgeBaseId);
  // Announces the change (the row is gone, so no generation to bump) and waits until no cache serves its hits.
  await knowledge.repository.bumpGeneration(access.knowledgeBaseId);
  return { deleted: true };
}
