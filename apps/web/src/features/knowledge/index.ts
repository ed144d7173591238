export { KnowledgeBasePage } from './components/knowledge-base-page';
export { KnowledgeBasesList } from './components/knowledge-bases-list';
export { useKnowledgeBases } from './hooks/use-knowledge-bases';
export type { DocumentView, KnowledgeBaseView } from './knowledge-types';
