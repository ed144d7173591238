import type { Page } from '@playwright/test';
import { callTrpc } from './knowledge-trpc';

/**
 * start → knowledge retrieval → LLM → answer, for a chatflow. The retrieval node starts with no knowledge base
 * (the journey picks one in its panel); the LLM's user prompt carries the retrieved context, so the test model,
 * which answers with what it heard, shows which passages reached it.
 */
export function ragChatGraph(model: string, knowledgeBaseIds: string[] = []) {
  return {
    nodes: [
      { id: 'start', type: 'start', title: 'Start', data: { variables: [] }, position: { x: 80, y: 240 } },
      {
        id: 'retrieval',
        type: 'knowledge-retrieval',
        title: 'Knowledge retrieval',
        data: { queryVariableSelector: ['sys', 'query'], knowledgeBaseIds, retrievalMode: 'hybrid', topK: 3 },
        position: { x: 360, y: 240 },
      },
      {
        id: 'llm',
        type: 'llm',
        title: 'LLM',
        data: {
          model: { id: model },
          context: { enabled: true, variableSelector: ['retrieval', 'result'] },
          promptTemplate: [
            { role: 'system', text: 'Answer only from the context.' },
            { role: 'user', text: 'Context:\n{{#context#}}\n\nQuestion: {{#sys.query#}}' },
          ],
        },
        position: { x: 640, y: 240 },
      },
      { id: 'answer', type: 'answer', title: 'Answer', data: { answer: '{{#llm.text#}}' }, position: { x: 920, y: 240 } },
    ],
    edges: [
      { id: 'start-retrieval', source: 'start', sourceHandle: 'source', target: 'retrieval' },
      { id: 'retrieval-llm', source: 'retrieval', sourceHandle: 'source', target: 'llm' },
      { id: 'llm-answer', source: 'llm', sourceHandle: 'source', target: 'answer' },
    ],
  };
}

/** Replaces the app's draft through the builder API (do it while the editor is closed, or it sees a conflict). */
export async function saveDraftGraph(page: Page, appId: string, graph: ReturnType<typeof ragChatGraph>): Promise<void> {
  const draft = await callTrpc<{ version: number }>(page, 'query', 'drafts.get', { appId });
  await callTrpc(page, 'mutation', 'drafts.save', { appId, baseVersion: draft.version, graph });
}
