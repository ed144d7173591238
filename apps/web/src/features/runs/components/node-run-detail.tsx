'use client';
import { useCallback } from 'react';
import { Badge } from '../../../ui';
import { selectedNodeId, useEditorState } from '../../canvas';
import { useRunSession } from '../hooks/run-session-context';
import type { RunSessionState } from '../model/run-session';
import { JsonView } from './json-view';

/** The selected node's part of the shown run: status, time, tokens, cache hit, inputs and outputs. */
export function NodeRunDetail() {
  const nodeId = useEditorState(selectedNodeId);
  const node = useRunSession(useCallback((state: RunSessionState) => (nodeId === null ? undefined : state.trace?.nodes[nodeId]), [nodeId]));
  if (!node) return null;
  return (
    <section className="flex flex-col gap-2 border-t border-slate-200 p-4" data-testid="node-run-detail" data-node-id={node.nodeId} data-status={node.status}>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Last run</h3>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <Badge tone={node.status === 'failed' ? 'danger' : node.status === 'running' ? 'info' : 'success'}>{node.status}</Badge>
        <span data-testid="node-run-elapsed">{node.elapsedMs !== undefined ? `${node.elapsedMs} ms` : '…'}</span>
        <span data-testid="node-run-tokens">
          {node.inputTokens} in / {node.outputTokens} out tokens
        </span>
        <span data-testid="node-run-cached" data-cached={node.cached}>
          {node.cached ? 'from cache' : 'executed'}
        </span>
        {node.handle && node.handle !== 'source' ? <span>branch {node.handle}</span> : null}
      </div>
      {node.error ? <p className="rounded bg-red-50 p-2 text-xs text-red-700">{node.error.message}</p> : null}
      <h4 className="text-xs font-medium text-slate-500">Inputs</h4>
      <JsonView value={node.inputs} testId="node-run-inputs" />
      <h4 className="text-xs font-medium text-slate-500">Outputs</h4>
      <JsonView value={node.outputs} testId="node-run-outputs" />
    </section>
  );
}
