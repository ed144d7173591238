import type { NodeBodyProps } from '../node-ui-types';
import { readIfElseDraft } from './draft';

/** Each branch gets its own row; the canvas shell draws the matching handle at the row's height. */
export function IfElseNodeBody({ config }: NodeBodyProps) {
  const { cases } = readIfElseDraft(config);
  return (
    <ul className="flex flex-col gap-0.5 text-xs text-slate-600">
      {cases.map((branch, index) => (
        <li key={index} className="truncate">
          <span className="font-semibold">{index === 0 ? 'IF' : 'ELIF'}</span>{' '}
          {branch.conditions.map((condition) => `${condition.variableSelector?.join('.') ?? '?'} ${condition.comparisonOperator}`).join(` ${branch.logicalOperator} `) || 'no condition'}
        </li>
      ))}
      <li className="font-semibold">ELSE</li>
    </ul>
  );
}
