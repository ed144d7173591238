import type { NodeBodyProps } from '../node-ui-types';
import { readLlmDraft } from './draft';

export function LlmNodeBody({ config }: NodeBodyProps) {
  const draft = readLlmDraft(config);
  return (
    <div className="flex flex-col gap-0.5 text-xs text-slate-600">
      <span className="truncate font-mono">{draft.model.id === '' ? <span className="text-red-500">No model</span> : draft.model.id}</span>
      <span className="text-slate-400">
        {draft.promptTemplate.length} message{draft.promptTemplate.length === 1 ? '' : 's'}
        {draft.context?.enabled ? ' · context' : ''}
        {draft.memory?.enabled ? ' · memory' : ''}
      </span>
    </div>
  );
}
