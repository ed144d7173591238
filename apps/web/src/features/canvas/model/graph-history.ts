import type { FlowGraph } from './flow-types';

/** Undo/redo as two stacks of whole-graph snapshots (cheap: snapshots share unchanged node objects). */
export interface GraphHistory {
  past: FlowGraph[];
  future: FlowGraph[];
  /** Consecutive edits with the same key inside the window coalesce into one undo step (typing in a field). */
  lastKey: string | undefined;
  lastAt: number;
}

export const historyLimit = 100;
const coalesceWindowMs = 1000;

export const emptyHistory = (): GraphHistory => ({ past: [], future: [], lastKey: undefined, lastAt: 0 });

/** Selection and drag flags are view state, not part of an undo step. */
export function snapshotOf(graph: FlowGraph): FlowGraph {
  return {
    nodes: graph.nodes.map((node) => (node.selected || node.dragging ? { ...node, selected: false, dragging: false } : node)),
    edges: graph.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
  };
}

/** Records `before` as an undo step (unless it coalesces with the previous step) and clears redo. */
export function recordStep(history: GraphHistory, before: FlowGraph, now: number, key?: string): GraphHistory {
  const coalesce = key !== undefined && key === history.lastKey && now - history.lastAt < coalesceWindowMs;
  if (coalesce) return { ...history, future: [], lastAt: now };
  const past = [...history.past, snapshotOf(before)].slice(-historyLimit);
  return { past, future: [], lastKey: key, lastAt: now };
}

export function undoStep(history: GraphHistory, current: FlowGraph): { history: GraphHistory; graph: FlowGraph } | undefined {
  const previous = history.past.at(-1);
  if (!previous) return undefined;
  return {
    graph: previous,
    history: { past: history.past.slice(0, -1), future: [snapshotOf(current), ...history.future], lastKey: undefined, lastAt: 0 },
  };
}

export function redoStep(history: GraphHistory, current: FlowGraph): { history: GraphHistory; graph: FlowGraph } | undefined {
  const next = history.future[0];
  if (!next) return undefined;
  return {
    graph: next,
    history: { past: [...history.past, snapshotOf(current)], future: history.future.slice(1), lastKey: undefined, lastAt: 0 },
  };
}
