import type { NodeBodyProps } from '../node-ui-types';
import { readAnswerDraft } from './draft';

export function AnswerNodeBody({ config }: NodeBodyProps) {
  const { answer } = readAnswerDraft(config);
  return <p className="line-clamp-2 break-all font-mono text-xs text-slate-600">{answer === '' ? <span className="text-slate-400">Empty reply</span> : answer}</p>;
}
