'use client';
import { useReactFlow } from '@xyflow/react';
import { Button } from '../../../ui';
import { useEditorActions, useEditorState } from '../store/editor-context';
import { isReadOnly, type EditorState } from '../store/editor-state';

const selectCanUndo = (state: EditorState) => state.history.past.length > 0 && !isReadOnly(state);
const selectCanRedo = (state: EditorState) => state.history.future.length > 0 && !isReadOnly(state);
const selectHasSelection = (state: EditorState) => !isReadOnly(state) && (state.nodes.some((node) => node.selected) || state.edges.some((edge) => edge.selected));
const selectNotice = (state: EditorState) => state.notice;

export function CanvasToolbar() {
  const actions = useEditorActions();
  const flow = useReactFlow();
  const canUndo = useEditorState(selectCanUndo);
  const canRedo = useEditorState(selectCanRedo);
  const hasSelection = useEditorState(selectHasSelection);
  const notice = useEditorState(selectNotice);
  return (
    <div className="flex items-center gap-1" data-testid="canvas-toolbar">
      <Button size="sm" variant="ghost" disabled={!canUndo} onClick={actions.undo} data-testid="toolbar-undo" title="Undo (Ctrl+Z)">
        ↶ Undo
      </Button>
      <Button size="sm" variant="ghost" disabled={!canRedo} onClick={actions.redo} data-testid="toolbar-redo" title="Redo (Ctrl+Shift+Z)">
        ↷ Redo
      </Button>
      <Button size="sm" variant="ghost" disabled={!hasSelection} onClick={actions.duplicateSelection} data-testid="toolbar-duplicate" title="Duplicate (Ctrl+D)">
        Duplicate
      </Button>
      <Button size="sm" variant="ghost" disabled={!hasSelection} onClick={actions.deleteSelection} data-testid="toolbar-delete" title="Delete (Del)">
        ✕ Delete
      </Button>
      <span className="mx-1 h-4 w-px bg-slate-200" />
      <Button size="sm" variant="ghost" onClick={() => void flow.zoomIn()} data-testid="toolbar-zoom-in" title="Zoom in">
        +
      </Button>
      <Button size="sm" variant="ghost" onClick={() => void flow.zoomOut()} data-testid="toolbar-zoom-out" title="Zoom out">
        −
      </Button>
      <Button size="sm" variant="ghost" onClick={() => void flow.fitView({ padding: 0.2 })} data-testid="toolbar-fit" title="Fit view">
        ⤢ Fit
      </Button>
      {notice !== null ? (
        <button type="button" className="ml-2 rounded bg-amber-50 px-2 py-0.5 text-xs text-amber-800" data-testid="canvas-notice" onClick={actions.dismissNotice}>
          {notice} ✕
        </button>
      ) : null}
    </div>
  );
}
