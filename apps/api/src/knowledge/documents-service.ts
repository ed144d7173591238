import { z } from 'zod';
import type { IngestProgress } from '@weft/knowledge/spec';
import { AppError } from '../errors';
import { entityIdSchema } from '../services/members-access';
import { ingestableDocumentSelect, toIngestJob } from './ingest-jobs';
import type { KnowledgeAccess } from './knowledge-access';
import type { KnowledgeContext } from './knowledge-context';
import { documentSelect, toDocumentView, type DocumentView } from './knowledge-views';
import { decodeUpload, removeUploadFiles, storeUpload, uploadKind } from './upload-storage';

const tagsSchema = z.array(z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters')).max(32, 'at most 32 tags').default([]);
const nameSchema = z.string().trim().min(1, 'is required').max(255, 'must be at most 255 characters');

export const uploadDocumentInputSchema = z.object({
  fileName: nameSchema,
  /** The file's bytes, base64. Its size is checked against WEFT_MAX_UPLOAD_BYTES by the service. */
  contentBase64: z.string(),
  tags: tagsSchema,
});
export const createTextDocumentInputSchema = z.object({ name: nameSchema, text: z.string(), tags: tagsSchema });
export const documentRefInputSchema = z.object({ documentId: entityIdSchema });

export async function listDocuments(context: KnowledgeContext, access: KnowledgeAccess): Promise<DocumentView[]> {
  const rows = await context.prisma.document.findMany({ where: { knowledgeBaseId: access.knowledgeBaseId }, select: documentSelect, orderBy: { createdAt: 'desc' } });
  return rows.map(toDocumentView);
}

async function documentView(context: KnowledgeContext, documentId: string): Promise<DocumentView> {
  const row = await context.prisma.document.findUnique({ where: { id: documentId }, select: documentSelect });
  if (row === null) throw new AppError('not_found', `Document "${documentId}" was just deleted. Refresh the list.`);
  return toDocumentView(row);
}

/** Queues the document's ingestion (status `queued` is recorded by the queue on enqueue). */
async function enqueue(context: KnowledgeContext, documentId: string): Promise<void> {
  const document = await context.prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: ingestableDocumentSelect });
  await context.knowledge.enqueue(toIngestJob(document));
}

/**
 * Stores an uploaded file and queues it. Bad input (unsupported type, bad base64, empty, over the limit) is refused
 * before anything is stored; a file that turns out corrupt fails its document with the reason, nothing else.
 */
export async function uploadDocument(
  context: KnowledgeContext,
  access: KnowledgeAccess,
  input: z.infer<typeof uploadDocumentInputSchema>,
): Promise<DocumentView> {
  const fileName = input.fileName.split(/[\\/]/).pop() ?? input.fileName;
  const kind = uploadKind(fileName);
  const bytes = decodeUpload(input.contentBase64, context.env.WEFT_MAX_UPLOAD_BYTES);
  const upload = await storeUpload(context, { workspaceId: access.workspaceId, userId: access.userId, fileName, kind, bytes });
  const document = await context.prisma.document
    .create({ data: { knowledgeBaseId: access.knowledgeBaseId, name: fileName, source: 'upload', uploadFileId: upload.id, tags: input.tags }, select: { id: true } })
    .catch(async (error: unknown) => {
      await removeUploadFiles(context, [upload]);
      throw error;
    });
  await enqueue(context, document.id);
  return documentView(context, document.id);
}

export async function createTextDocument(
  context: KnowledgeContext,
  access: KnowledgeAccess,
  input: z.infer<typeof createTextDocumentInputSchema>,
): Promise<DocumentView> {
  if (input.text.trim() === '') throw new AppError('empty_document', 'The text is empty: paste the text to add to the knowledge base.');
  const size = Buffer.byteLength(input.text, 'utf8');
  const maxBytes = context.env.WEFT_MAX_UPLOAD_BYTES;
  if (size > maxBytes) {
    throw new AppError('file_too_large', `The text is ${size} bytes, over the ${maxBytes}-byte limit (WEFT_MAX_UPLOAD_BYTES). Split it into several documents.`);
  }
  const document = await context.prisma.document.create({
    data: { knowledgeBaseId: access.knowledgeBaseId, name: input.name, source: 'text', sourceText: input.text, tags: input.tags },
    select: { id: true },
  });
  await enqueue(context, document.id);
  return documentView(context, document.id);
}

async function requireDocument(context: KnowledgeContext, access: KnowledgeAccess, documentId: string) {
  const document = await context.prisma.document.findFirst({
    where: { id: documentId, knowledgeBaseId: access.knowledgeBaseId },
    select: { id: true, status: true, uploadFile: { select: { id: true, storageKey: true } } },
  });
  if (document === null) throw new AppError('not_found', `Document "${documentId}" is not in this knowledge base (it may have been deleted). Refresh the list.`);
  return document;
}

/** Queues a document again (after an error, or to re-chunk it with the knowledge base's current settings). */
export async function retryDocument(context: KnowledgeContext, access: KnowledgeAccess, input: z.infer<typeof documentRefInputSchema>): Promise<DocumentView> {
  const document = await requireDocument(context, access, input.documentId);
  if (document.status !== 'error' && document.status !== 'completed') {
    throw new AppError('conflict', `Document "${input.documentId}" is being ingested (${document.status}); wait until it finishes or fails before retrying.`);
  }
  await enqueue(context, document.id);
  return documentView(context, document.id);
}

/** Removes the document from the indexes (bumping the generation), then its rows and uploaded bytes. */
export async function deleteDocument(context: KnowledgeContext, access: KnowledgeAccess, input: z.infer<typeof documentRefInputSchema>): Promise<{ deleted: true }> {
  const document = await requireDocument(context, access, input.documentId);
  await context.prisma.document.deleteMany({ where: { id: document.id } });
  if (document.uploadFile !== null) await removeUploadFiles(context, [document.uploadFile]);
  await context.knowledge.pipeline.remove(access.knowledgeBaseId, document.id);
  return { deleted: true };
}

/**
 * The progress of the knowledge base's documents: first the current state of those still being ingested, then every
 * report as it happens (from any API process), until the subscriber leaves.
 */
export async function* watchProgress(context: KnowledgeContext, access: KnowledgeAccess, signal?: AbortSignal): AsyncGenerator<IngestProgress> {
  const updates = context.knowledge.progress.watch(access.knowledgeBaseId, signal);
  // Subscribed before the snapshot is read, so no report falls between the two.
  const first = updates.next();
  const pending = await context.prisma.document.findMany({
    where: { knowledgeBaseId: access.knowledgeBaseId, status: { notIn: ['completed', 'error'] } },
    select: { id: true, status: true, progress: true },
    orderBy: { createdAt: 'asc' },
  });
  try {
    for (const document of pending) yield { documentId: document.id, knowledgeBaseId: access.knowledgeBaseId, status: document.status, progress: document.progress };
    const head = await first;
    if (head.done === true) return;
    yield head.value;
    yield* updates;
  } finally {
    await updates.return(undefined);
  }
}
