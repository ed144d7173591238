import type { NodeBodyProps } from '../node-ui-types';
import { readTemplateTransformDraft } from './draft';

export function TemplateTransformNodeBody({ config }: NodeBodyProps) {
  const { template, variables } = readTemplateTransformDraft(config);
  return (
    <div className="flex flex-col gap-0.5 text-xs text-slate-600">
      <span className="line-clamp-2 break-all font-mono">{template === '' ? <span className="text-slate-400">Empty template</span> : template}</span>
      <span className="text-slate-400">{variables.map((variable) => variable.variable).join(', ') || 'no variables'}</span>
    </div>
  );
}
