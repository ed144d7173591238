import type { NodeBodyProps } from '../node-ui-types';
import { readVariableAggregatorDraft } from './draft';

export function VariableAggregatorNodeBody({ config }: NodeBodyProps) {
  const { variables, outputType } = readVariableAggregatorDraft(config);
  return (
    <div className="flex flex-col gap-0.5 text-xs text-slate-600">
      {variables.slice(0, 4).map((selector, index) => (
        <span key={index} className="truncate font-mono">
          {selector.length > 0 ? selector.join('.') : '?'}
        </span>
      ))}
      <span className="text-slate-400">→ output ({outputType ?? 'any'})</span>
    </div>
  );
}
