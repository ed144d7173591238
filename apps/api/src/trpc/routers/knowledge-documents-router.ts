import {
  createTextDocument,
  createTextDocumentInputSchema,
  deleteDocument,
  documentRefInputSchema,
  listDocuments,
  retryDocument,
  uploadDocument,
  uploadDocumentInputSchema,
  watchProgress,
} from '../../knowledge/documents-service';
import { router } from '../init';
import { knowledgeBaseProcedure } from './knowledge-router-procedures';

export const knowledgeDocumentsRouter = router({
  list: knowledgeBaseProcedure('viewer').query(({ ctx }) => listDocuments(ctx.services, ctx.access)),
  /** A file's bytes as base64; refused up front when the type, encoding or size is wrong. */
  upload: knowledgeBaseProcedure('editor')
    .input(uploadDocumentInputSchema)
    .mutation(({ ctx, input }) => uploadDocument(ctx.services, ctx.access, input)),
  createFromText: knowledgeBaseProcedure('editor')
    .input(createTextDocumentInputSchema)
    .mutation(({ ctx, input }) => createTextDocument(ctx.services, ctx.access, input)),
  retry: knowledgeBaseProcedure('editor')
    .input(documentRefInputSchema)
    .mutation(({ ctx, input }) => retryDocument(ctx.services, ctx.access, input)),
  delete: knowledgeBaseProcedure('editor')
    .input(documentRefInputSchema)
    .mutation(({ ctx, input }) => deleteDocument(ctx.services, ctx.access, input)),
  /** Every progress report of the knowledge base's documents (current state of unfinished ones first). */
  progress: knowledgeBaseProcedure('viewer').subscription(({ ctx, signal }) => watchProgress(ctx.services, ctx.access, signal)),
});
