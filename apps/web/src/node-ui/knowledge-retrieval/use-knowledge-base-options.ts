'use client';
import { useKnowledgeBases } from '../../features/knowledge';
import { useWorkspace } from '../../features/session';
import { usePanelOptions } from '../shared/panel-options';
import type { KnowledgeBaseOption } from './knowledge-base-choices';

/**
 * The workspace's knowledge bases for the picker: the editor's panel options when it provides them, else the
 * knowledge list query (shared with the Knowledge screen's cache). Undefined while loading or unavailable.
 */
export function useKnowledgeBaseOptions(): { options: KnowledgeBaseOption[] | undefined; error: unknown } {
  const { knowledgeBases } = usePanelOptions();
  const { workspace } = useWorkspace();
  const query = useKnowledgeBases(workspace.id);
  if (knowledgeBases !== undefined) return { options: knowledgeBases, error: null };
  return { options: query.data, error: query.error };
}
