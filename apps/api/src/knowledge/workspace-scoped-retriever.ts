import { KnowledgeError } from '@weft/knowledge/spec';
import type { Retriever } from '@weft/workflow-engine/spec';
import type { KnowledgeBaseDirectory } from './knowledge-base-directory';

/**
 * The retriever a run of an app in `workspaceId` gets: a workflow can name any knowledge base id in its graph, so each
 * retrieval checks that the knowledge bases belong to that workspace. A foreign id is answered exactly like a missing
 * one, so it confirms nothing. (The workspace is passed in, not read from an AsyncLocalStorage: on Node 20 one of
 * those switches on promise hooks for every promise in the process, about 3% of the API's CPU under load.)
 */
export function createWorkspaceScopedRetriever(retriever: Retriever, knowledgeBases: KnowledgeBaseDirectory, workspaceId: string): Retriever {
  return {
    async retrieve(query) {
      for (const knowledgeBaseId of new Set(query.knowledgeBaseIds)) {
        const entry = await knowledgeBases.get(knowledgeBaseId);
        if (entry.workspaceId !== workspaceId) {
          throw new KnowledgeError('not_found', `Knowledge base "${knowledgeBaseId}" does not exist (it may have been deleted). Pick another one in the knowledge retrieval node.`);
        }
      }
      return retriever.retrieve(query);
    },
  };
}
