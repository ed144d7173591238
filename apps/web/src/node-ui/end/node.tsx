import type { NodeBodyProps } from '../node-ui-types';
import { readEndDraft } from './draft';

export function EndNodeBody({ config }: NodeBodyProps) {
  const { outputs } = readEndDraft(config);
  if (outputs.length === 0) return <p className="text-xs text-slate-400">No outputs</p>;
  return (
    <ul className="flex flex-col gap-0.5 text-xs text-slate-600">
      {outputs.slice(0, 4).map((output, index) => (
        <li key={index} className="truncate font-mono">
          {output.variable || '(unnamed)'} ← {output.valueSelector?.join('.') ?? '?'}
        </li>
      ))}
    </ul>
  );
}
