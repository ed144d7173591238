'use client';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useMemo, type ComponentType } from 'react';
import { sourceHandlesOf, type NodeUi } from '../../../node-ui';
import { TARGET_HANDLE, type FlowNode } from '../model/flow-types';
import { useEditorState } from '../store/editor-context';
import { NodeStatusBadge, statusRingClass } from './node-status-badge';

const handleClass = '!size-3 !border-2 !border-white !bg-slate-400 hover:!bg-brand-500';

/**
 * The canvas card of one node type. Memoised, and it reads its run status and problem count from the editor store
 * by its own id, so a drag or a run event re-renders only the nodes it concerns. The dragged node itself re-renders
 * every frame (React Flow passes it a new position); its body and handles are derived from the config only, so
 * they are not recomputed then.
 */
export function createFlowNodeComponent(ui: NodeUi): ComponentType<NodeProps<FlowNode>> {
  const Body = memo(ui.Body);
  function FlowNodeCard({ id, data, selected }: NodeProps<FlowNode>) {
    const status = useEditorState((state) => state.runStatus[id]);
    const problemCount = useEditorState((state) => state.problemsByNode[id]?.length ?? 0);
    const handles = useMemo(() => sourceHandlesOf(ui.type, data.config), [data.config]);
    const labelled = handles.some((handle) => handle.label !== undefined);
    return (
      <div
        data-testid={`canvas-node-${id}`}
        data-node-type={ui.type}
        className={`relative w-60 rounded-lg border bg-white shadow-sm ${selected ? 'border-brand-500' : 'border-slate-200'} ${status ? statusRingClass[status] : ''}`}
      >
        {ui.hasTarget ? <Handle type="target" position={Position.Left} id={TARGET_HANDLE} className={handleClass} data-testid={`handle-${id}-${TARGET_HANDLE}`} /> : null}
        <div className="flex items-center gap-2 border-b border-slate-100 px-3 py-2">
          <span className={`flex size-6 shrink-0 items-center justify-center rounded text-xs text-white ${ui.accentClass}`}>{ui.glyph}</span>
          <span className="flex-1 truncate text-sm font-medium text-slate-800" data-testid="node-title">
            {data.title || ui.label}
          </span>
          {problemCount > 0 ? (
            <span data-testid="node-problem-badge" title={`${problemCount} problem${problemCount === 1 ? '' : 's'}`} className="rounded-full bg-red-600 px-1.5 text-[10px] font-bold text-white">
              {problemCount}
            </span>
          ) : null}
          {status ? <NodeStatusBadge status={status} /> : null}
        </div>
        <div className="px-3 py-2">
          <Body config={data.config} />
        </div>
        {labelled ? (
          <div className="flex flex-col border-t border-slate-100 py-1">
            {handles.map((handle) => (
              <div key={handle.id} className="relative px-3 py-0.5 text-right text-[10px] font-semibold text-slate-500">
                {handle.label ?? handle.id}
                <Handle type="source" position={Position.Right} id={handle.id} className={handleClass} data-testid={`handle-${id}-${handle.id}`} />
              </div>
            ))}
          </div>
        ) : (
          handles.map((handle) => <Handle key={handle.id} type="source" position={Position.Right} id={handle.id} className={handleClass} data-testid={`handle-${id}-${handle.id}`} />)
        )}
      </div>
    );
  }
  FlowNodeCard.displayName = `FlowNode(${ui.type})`;
  return memo(FlowNodeCard);
}
