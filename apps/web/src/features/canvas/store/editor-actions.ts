import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { CompileProblem } from '@weft/workflow-engine/spec';
import { recordStep, redoStep, undoStep, emptyHistory } from '../model/graph-history';
import { connect, connectionProblem, createNode, duplicateNodes, pruneDanglingHandles, removeElements } from '../model/graph-ops';
import type { FlowGraph, FlowNode } from '../model/flow-types';
import type { Store } from './create-store';
import { createDragFrameBatch, isDragFrame, nextAnimationFrame, type ScheduleFrame } from './drag-frame-batch';
import { isReadOnly, type EditorState, type NodeRunStatus } from './editor-state';

export type EditorStore = Store<EditorState>;

const graphOf = (state: EditorState): FlowGraph => ({ nodes: state.nodes, edges: state.edges });

export interface EditorActionOptions {
  /** When batched drag moves are applied; requestAnimationFrame by default. */
  scheduleFrame?: ScheduleFrame;
}

/** Every editing operation of the canvas; each undoable one records the graph before it changes. */
export function createEditorActions(store: EditorStore, options: EditorActionOptions = {}) {
  const now = () => Date.now();
  const applyNodeChangesNow = (changes: NodeChange<FlowNode>[]) => {
    const state = store.getState();
    const allowed = isReadOnly(state) ? changes.filter((change) => change.type === 'select' || change.type === 'dimensions') : changes;
    if (allowed.length > 0) store.setState({ nodes: applyNodeChanges(allowed, state.nodes) });
  };
  const dragMoves = createDragFrameBatch(applyNodeChangesNow, options.scheduleFrame ?? nextAnimationFrame);
  /** The state with every pending drag move applied: what each action below must start from. */
  const settledState = () => {
    dragMoves.flush();
    return store.getState();
  };

  /** Applies an edit as one undo step (coalesced by `key`) and marks it for saving. */
  const edit = (change: (graph: FlowGraph) => FlowGraph, key?: string) => {
    const state = settledState();
    if (isReadOnly(state)) return;
    const before = graphOf(state);
    const after = change(before);
    if (after === before) return;
    store.setState({ nodes: after.nodes, edges: after.edges, history: recordStep(state.history, before, now(), key), revision: state.revision + 1 });
  };

  const selectNode = (nodeId: string | null) => {
    dragMoves.flush();
    store.setState((state) => ({
      nodes: state.nodes.map((node) => ((node.id === nodeId) !== Boolean(node.selected) ? { ...node, selected: node.id === nodeId } : node)),
      edges: state.edges.some((edge) => edge.selected) ? state.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)) : state.edges,
    }));
  };

  const selectedIds = () => settledState().nodes.filter((node) => node.selected).map((node) => node.id);

  return {
    /**
     * React Flow's own changes: drag moves, selection, measured sizes. None of these is an undo step by itself.
     * Drag moves are applied once per frame (the latest position of each node); anything else first applies them.
     */
    onNodesChange(changes: NodeChange<FlowNode>[]) {
      if (changes.length > 0 && changes.every(isDragFrame) && !isReadOnly(store.getState())) {
        dragMoves.push(changes);
        return;
      }
      dragMoves.flush();
      applyNodeChangesNow(changes);
    },
    onEdgesChange(changes: EdgeChange[]) {
      const selectionOnly = changes.filter((change) => change.type === 'select');
      store.setState((state) => ({ edges: applyEdgeChanges(selectionOnly, state.edges) }));
    },
    /** Called when a drag begins: the graph before it is the undo step. */
    dragStarted() {
      const state = settledState();
      if (!isReadOnly(state)) store.setState({ history: recordStep(state.history, graphOf(state), now()) });
    },
    dragStopped() {
      dragMoves.flush();
      store.setState((state) => ({ revision: state.revision + 1 }));
    },
    canConnect(connection: Connection | { source: string; sourceHandle?: string | null; target: string }): boolean {
      return connectionProblem(graphOf(settledState()), { source: connection.source, sourceHandle: connection.sourceHandle ?? null, target: connection.target }) === undefined;
    },
    connect(connection: Connection) {
      const request = { source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target };
      const problem = connectionProblem(graphOf(settledState()), request);
      if (problem !== undefined) {
        store.setState({ notice: problem });
        return;
      }
      edit((graph) => connect(graph, request));
    },
    addNode(type: string, position: { x: number; y: number }): string | undefined {
      const state = settledState();
      const node = createNode(graphOf(state), type, position, state.mode);
      if (!node) {
        store.setState({ notice: `Only one ${type} node fits in a graph.` });
        return undefined;
      }
      edit((graph) => ({ nodes: [...graph.nodes.map((existing) => (existing.selected ? { ...existing, selected: false } : existing)), node], edges: graph.edges }));
      return node.id;
    },
    updateConfig(nodeId: string, config: Record<string, unknown>) {
      edit((graph) => pruneDanglingHandles({ nodes: graph.nodes.map((node) => (node.id === nodeId ? { ...node, data: { ...node.data, config } } : node)), edges: graph.edges }, nodeId), `config:${nodeId}`);
    },
    updateTitle(nodeId: string, title: string) {
      edit((graph) => ({ nodes: graph.nodes.map((node) => (node.id === nodeId ? { ...node, data: { ...node.data, title } } : node)), edges: graph.edges }), `title:${nodeId}`);
    },
    deleteSelection() {
      const state = settledState();
      const edgeIds = state.edges.filter((edge) => edge.selected).map((edge) => edge.id);
      const nodeIds = selectedIds();
      if (nodeIds.length === 0 && edgeIds.length === 0) return;
      edit((graph) => removeElements(graph, nodeIds, edgeIds));
    },
    duplicateSelection() {
      const ids = selectedIds();
      if (ids.length > 0) edit((graph) => duplicateNodes(graph, ids));
    },
    undo() {
      const state = settledState();
      const step = isReadOnly(state) ? undefined : undoStep(state.history, graphOf(state));
      if (step) store.setState({ nodes: step.graph.nodes, edges: step.graph.edges, history: step.history, revision: state.revision + 1 });
    },
    redo() {
      const state = settledState();
      const step = isReadOnly(state) ? undefined : redoStep(state.history, graphOf(state));
      if (step) store.setState({ nodes: step.graph.nodes, edges: step.graph.edges, history: step.history, revision: state.revision + 1 });
    },
    /** Replaces the graph from outside (load, reload, merge). `undoable` keeps the previous graph one undo away. */
    replaceGraph(graph: FlowGraph, replace: { undoable: boolean; save: boolean }) {
      const state = settledState();
      store.setState({
        nodes: graph.nodes,
        edges: graph.edges,
        history: replace.undoable ? recordStep(state.history, graphOf(state), now()) : emptyHistory(),
        revision: replace.save ? state.revision + 1 : state.revision,
      });
    },
    selectNode,
    setProblems(problems: CompileProblem[]) {
      const problemsByNode: Record<string, CompileProblem[]> = {};
      for (const problem of problems) if (problem.nodeId !== undefined) (problemsByNode[problem.nodeId] ??= []).push(problem);
      store.setState({ problems, problemsByNode });
    },
    /** Selects the problem's node and asks its panel to focus the field the problem is on. */
    focusProblem(problem: CompileProblem) {
      if (problem.nodeId === undefined) return;
      selectNode(problem.nodeId);
      store.setState((state) => ({ focus: { nodeId: problem.nodeId ?? '', path: problem.path, seq: (state.focus?.seq ?? 0) + 1 } }));
    },
    setRunStatus(runStatus: Record<string, NodeRunStatus>) {
      store.setState({ runStatus });
    },
    showVersion(number: number, graph: FlowGraph) {
      const state = settledState();
      const stash = state.view.kind === 'version' ? state.view.stash : graphOf(state);
      store.setState({ nodes: graph.nodes, edges: graph.edges, view: { kind: 'version', number, stash } });
    },
    backToDraft() {
      const state = settledState();
      if (state.view.kind === 'version') store.setState({ nodes: state.view.stash.nodes, edges: state.view.stash.edges, view: { kind: 'draft' } });
    },
    dismissNotice() {
      store.setState({ notice: null });
    },
  };
}

export type EditorActions = ReturnType<typeof createEditorActions>;
