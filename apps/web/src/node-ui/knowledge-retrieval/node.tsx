'use client';
import type { NodeBodyProps } from '../node-ui-types';
import { usePanelOptions } from '../shared/panel-options';
import { readKnowledgeRetrievalDraft } from './draft';

export function KnowledgeRetrievalNodeBody({ config }: NodeBodyProps) {
  const { knowledgeBases } = usePanelOptions();
  const draft = readKnowledgeRetrievalDraft(config);
  const names = draft.knowledgeBaseIds.map((id) => knowledgeBases?.find((base) => base.id === id)?.name ?? id);
  return (
    <div className="flex flex-col gap-0.5 text-xs text-slate-600">
      <span className="truncate">{names.length === 0 ? <span className="text-red-500">No knowledge base</span> : names.join(', ')}</span>
      <span className="text-slate-400">
        {draft.retrievalMode} · top {draft.topK}
      </span>
    </div>
  );
}
