import {
  createKnowledgeBase,
  createKnowledgeBaseInputSchema,
  deleteKnowledgeBase,
  getKnowledgeBase,
  listKnowledgeBases,
  updateKnowledgeBase,
  updateKnowledgeBaseInputSchema,
} from '../../knowledge/knowledge-bases-service';
import { previewChunksInputSchema, previewDocumentChunks, retrievalTest, retrievalTestInputSchema } from '../../knowledge/retrieval-test-service';
import { router } from '../init';
import { workspaceProcedure } from '../procedures';
import { knowledgeDocumentsRouter } from './knowledge-documents-router';
import { knowledgeBaseProcedure } from './knowledge-router-procedures';

/** Knowledge bases of a workspace: viewers read and test retrieval, editors and up change them. */
export const knowledgeRouter = router({
  list: workspaceProcedure('viewer').query(({ ctx }) => listKnowledgeBases(ctx.services, ctx.access)),
  create: workspaceProcedure('editor')
    .input(createKnowledgeBaseInputSchema)
    .mutation(({ ctx, input }) => createKnowledgeBase(ctx.services, ctx.access, input)),
  get: knowledgeBaseProcedure('viewer').query(({ ctx }) => getKnowledgeBase(ctx.services, ctx.access)),
  /** A new embedding model clears the vectors and re-embeds every document. */
  update: knowledgeBaseProcedure('editor')
    .input(updateKnowledgeBaseInputSchema)
    .mutation(({ ctx, input }) => updateKnowledgeBase(ctx.services, ctx.access, input)),
  delete: knowledgeBaseProcedure('editor').mutation(({ ctx }) => deleteKnowledgeBase(ctx.services, ctx.access)),
  documents: knowledgeDocumentsRouter,
  previewChunks: knowledgeBaseProcedure('viewer')
    .input(previewChunksInputSchema)
    .mutation(({ input }) => previewDocumentChunks(input)),
  retrievalTest: knowledgeBaseProcedure('viewer')
    .input(retrievalTestInputSchema)
    .mutation(({ ctx, input, signal }) => retrievalTest(ctx.services, ctx.access, input, signal)),
});
