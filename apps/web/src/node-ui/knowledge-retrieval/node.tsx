'use client';
import type { NodeBodyProps } from '../node-ui-types';
import { readKnowledgeRetrievalDraft } from './draft';
import { selectedNames } from './knowledge-base-choices';
import { useKnowledgeBaseOptions } from './use-knowledge-base-options';

export function KnowledgeRetrievalNodeBody({ config }: NodeBodyProps) {
  const { options } = useKnowledgeBaseOptions();
  const draft = readKnowledgeRetrievalDraft(config);
  const names = selectedNames(draft.knowledgeBaseIds, options);
  return (
    <div className="flex flex-col gap-0.5 text-xs text-slate-600">
      <span className="truncate">{names.length === 0 ? <span className="text-red-500">No knowledge base</span> : names.join(', ')}</span>
      <span className="text-slate-400">
        {draft.retrievalMode} · top {draft.topK}
      </span>
    </div>
  );
}
