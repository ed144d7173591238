import type { NodeUi } from '../node-ui-types';
import { KnowledgeRetrievalNodeBody } from './node';
import { KnowledgeRetrievalPanel } from './panel';

export const knowledgeRetrievalUi: NodeUi = {
  type: 'knowledge-retrieval',
  label: 'Knowledge retrieval',
  description: 'Finds passages for a query in knowledge bases.',
  glyph: 'KB',
  accentClass: 'bg-teal-500',
  modes: ['workflow', 'chatflow'],
  hasTarget: true,
  defaultConfig: (mode) => ({ ...(mode === 'chatflow' ? { queryVariableSelector: ['sys', 'query'] } : {}), knowledgeBaseIds: [], retrievalMode: 'hybrid', topK: 4 }),
  Body: KnowledgeRetrievalNodeBody,
  Panel: KnowledgeRetrievalPanel,
};
