import type { NodeBodyProps } from '../node-ui-types';
import { readStartDraft } from './draft';

export function StartNodeBody({ config }: NodeBodyProps) {
  const { variables } = readStartDraft(config);
  if (variables.length === 0) return <p className="text-xs text-slate-400">No inputs</p>;
  return (
    <ul className="flex flex-col gap-0.5 text-xs text-slate-600">
      {variables.slice(0, 4).map((variable, index) => (
        <li key={index} className="truncate font-mono">
          {variable.variable || '(unnamed)'} <span className="text-slate-400">{variable.type}</span>
        </li>
      ))}
      {variables.length > 4 ? <li className="text-slate-400">+{variables.length - 4} more</li> : null}
    </ul>
  );
}
