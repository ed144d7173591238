import { AsyncLocalStorage } from 'node:async_hooks';
import { KnowledgeError } from '@weft/knowledge/spec';
import type { Retriever } from '@weft/workflow-engine/spec';
import type { KnowledgeBaseDirectory } from './knowledge-base-directory';

const runWorkspace = new AsyncLocalStorage<string>();

/** Runs `start` (a run's start) so that every retrieval the run makes is limited to the app's workspace. */
export function inWorkspaceOf<T>(workspaceId: string, start: () => T): T {
  return runWorkspace.run(workspaceId, start);
}

/**
 * The retriever runs get: a workflow can name any knowledge base id in its graph, so each retrieval checks that the
 * knowledge bases belong to the running app's workspace (from the async context of the run's start). A foreign id is
 * answered exactly like a missing one, so it confirms nothing.
 */
export function createWorkspaceScopedRetriever(retriever: Retriever, knowledgeBases: KnowledgeBaseDirectory): Retriever {
  return {
    async retrieve(query) {
      const workspaceId = runWorkspace.getStore();
      if (workspaceId !== undefined) {
        for (const knowledgeBaseId of new Set(query.knowledgeBaseIds)) {
          const entry = await knowledgeBases.get(knowledgeBaseId);
          if (entry.workspaceId !== workspaceId) {
            throw new KnowledgeError('not_found', `Knowledge base "${knowledgeBaseId}" does not exist (it may have been deleted). Pick another one in the knowledge retrieval node.`);
          }
        }
      }
      return retriever.retrieve(query);
    },
  };
}
