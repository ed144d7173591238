'use client';
import { useReactFlow } from '@xyflow/react';
import { nodeUis } from '../../../node-ui';
import { useEditorActions, useEditorState } from '../store/editor-context';
import { isReadOnly, type EditorState } from '../store/editor-state';

/** Data type of a palette drag, carrying the node type. */
export const paletteMimeType = 'application/x-weft-node-type';

const selectMode = (state: EditorState) => state.mode;
const selectNodeCount = (state: EditorState) => state.nodes.length;

/** Every node type the app mode allows: drag one onto the canvas, or click to drop it in the middle of the view. */
export function NodePalette() {
  const mode = useEditorState(selectMode);
  const readOnly = useEditorState(isReadOnly);
  const nodeCount = useEditorState(selectNodeCount);
  const actions = useEditorActions();
  const flow = useReactFlow();
  const entries = Object.values(nodeUis).filter((ui) => ui.modes.includes(mode));

  const addInView = (type: string) => {
    const canvas = document.querySelector('[data-testid="editor-canvas"]')?.getBoundingClientRect();
    const center = canvas ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
    const position = flow.screenToFlowPosition(center);
    const nudge = (nodeCount % 6) * 24;
    actions.addNode(type, { x: position.x - 120 + nudge, y: position.y - 40 + nudge });
  };

  return (
    <nav className="flex flex-col gap-1 p-2" data-testid="node-palette" aria-label="Node types">
      <h2 className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Add node</h2>
      {entries.map((ui) => (
        <button
          key={ui.type}
          type="button"
          draggable={!readOnly}
          disabled={readOnly}
          data-testid={`palette-item-${ui.type}`}
          title={ui.description}
          onDragStart={(event) => {
            event.dataTransfer.setData(paletteMimeType, ui.type);
            event.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => addInView(ui.type)}
          className="flex items-center gap-2 rounded px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-50"
        >
          <span className={`flex size-6 shrink-0 items-center justify-center rounded text-xs text-white ${ui.accentClass}`}>{ui.glyph}</span>
          {ui.label}
        </button>
      ))}
    </nav>
  );
}
