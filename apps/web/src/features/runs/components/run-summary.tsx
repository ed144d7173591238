'use client';
import { Badge, type BadgeTone } from '../../../ui';
import { useEditorActions } from '../../canvas';
import type { RunTrace } from '../model/run-trace';
import { JsonView } from './json-view';

const tones: Record<RunTrace['status'], BadgeTone> = { running: 'info', succeeded: 'success', failed: 'danger', cancelled: 'neutral' };

/** Status, time, tokens, the streamed answer (or outputs), the error, and the nodes in the order they ran. */
export function RunSummary({ trace, showAnswer }: { trace: RunTrace; showAnswer: boolean }) {
  const actions = useEditorActions();
  const cached = Object.values(trace.nodes).filter((node) => node.cached).length;
  return (
    <div className="flex flex-col gap-2" data-testid="run-summary">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <Badge tone={tones[trace.status]} data-testid="run-status">
          <span data-status={trace.status}>{trace.status}</span>
        </Badge>
        {trace.elapsedMs !== undefined ? <span>{trace.elapsedMs} ms</span> : null}
        {trace.usage ? <span>{trace.usage.inputTokens + trace.usage.outputTokens} tokens</span> : null}
        {cached > 0 ? <span data-testid="run-cached-count">{cached} cached</span> : null}
        {trace.runId ? <span className="font-mono">{trace.runId.slice(0, 8)}</span> : null}
      </div>
      {showAnswer ? (
        <div className="min-h-10 whitespace-pre-wrap rounded border border-slate-200 bg-white p-2 text-sm text-slate-800" data-testid="run-answer">
          {trace.answer}
          {trace.status === 'running' ? <span className="animate-pulse text-slate-400">▍</span> : null}
        </div>
      ) : trace.outputs ? (
        <JsonView value={trace.outputs} testId="run-outputs" />
      ) : null}
      {trace.error ? (
        <p className="rounded bg-red-50 p-2 text-xs text-red-700" role="alert" data-testid="run-error">
          {trace.error.message}
        </p>
      ) : null}
      <ol className="flex flex-col text-xs">
        {trace.order.map((nodeId) => {
          const node = trace.nodes[nodeId];
          if (!node) return null;
          return (
            <li key={nodeId}>
              <button type="button" className="flex w-full items-center justify-between rounded px-1 py-0.5 hover:bg-slate-100" onClick={() => actions.selectNode(nodeId)} data-testid={`trace-node-${nodeId}`}>
                <span className="truncate">{node.title || nodeId}</span>
                <span className="text-slate-400" data-status={node.status}>
                  {node.status}
                  {node.elapsedMs !== undefined ? ` · ${node.elapsedMs} ms` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
