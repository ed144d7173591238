'use client';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type IsValidConnection } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './editor-canvas.css';
import { useCallback, useState, type DragEvent } from 'react';
import { useCanvasShortcuts } from '../hooks/use-canvas-shortcuts';
import { useEditorActions, useEditorState } from '../store/editor-context';
import { isReadOnly, type EditorState } from '../store/editor-state';
import type { FlowEdge } from '../model/flow-types';
import { flowNodeTypes } from './node-types';
import { paletteMimeType } from './node-palette';

const selectNodes = (state: EditorState) => state.nodes;
const selectEdges = (state: EditorState) => state.edges;
const selectReadOnly = isReadOnly;
const defaultEdgeOptions = { type: 'smoothstep' as const };
const proOptions = { hideAttribution: true };
const minimapStyle = { width: 160, height: 100 };

/** The React Flow canvas over the editor store: drag, connect, select, drop from the palette, shortcuts. */
export function EditorCanvas() {
  const nodes = useEditorState(selectNodes);
  const edges = useEditorState(selectEdges);
  const readOnly = useEditorState(selectReadOnly);
  const actions = useEditorActions();
  const flow = useReactFlow();
  const [dragging, setDragging] = useState(false);
  useCanvasShortcuts();

  const onDragStart = useCallback(() => {
    setDragging(true);
    actions.dragStarted();
  }, [actions]);
  const onDragStop = useCallback(() => {
    setDragging(false);
    actions.dragStopped();
  }, [actions]);

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback((connection) => actions.canConnect(connection), [actions]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(paletteMimeType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(paletteMimeType);
      if (type === '') return;
      event.preventDefault();
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      actions.addNode(type, { x: position.x - 120, y: position.y - 30 });
    },
    [actions, flow],
  );

  return (
    <div className={`h-full w-full ${dragging ? 'weft-canvas-dragging' : ''}`} data-testid="editor-canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={flowNodeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={actions.onNodesChange}
        onEdgesChange={actions.onEdgesChange}
        onConnect={actions.connect}
        isValidConnection={isValidConnection}
        onNodeDragStart={onDragStart}
        onNodeDragStop={onDragStop}
        onSelectionDragStart={onDragStart}
        onSelectionDragStop={onDragStop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        minZoom={0.1}
        fitView
        proOptions={proOptions}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        {/* The minimap redraws every node on every drag frame; it steps aside while a node moves and returns on drop. */}
        {dragging ? null : <MiniMap pannable zoomable style={minimapStyle} data-testid="canvas-minimap" />}
      </ReactFlow>
    </div>
  );
}
