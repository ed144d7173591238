import type { CompileProblem } from '@weft/workflow-engine/spec';
import type { AppMode } from '../../../node-ui';
import { emptyHistory, type GraphHistory } from '../model/graph-history';
import type { FlowEdge, FlowGraph, FlowNode } from '../model/flow-types';

/** A node's status in the run shown on the canvas (live debug run or an opened past run). */
export type NodeRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'cached' | 'cancelled';

/** What the canvas shows: the draft (editable), or a published version (read-only, draft kept aside). */
export type CanvasView = { kind: 'draft' } | { kind: 'version'; number: number; stash: FlowGraph };

export interface FocusRequest {
  nodeId: string;
  path: (string | number)[];
  /** Changes on every request so asking twice for the same field focuses it twice. */
  seq: number;
}

export interface EditorState {
  appId: string;
  mode: AppMode;
  nodes: FlowNode[];
  edges: FlowEdge[];
  history: GraphHistory;
  /** Bumps on every change worth saving (not selection, not drag frames). Autosave watches it. */
  revision: number;
  view: CanvasView;
  /** Compile problems from the last save or publish attempt. */
  problems: CompileProblem[];
  problemsByNode: Record<string, CompileProblem[]>;
  runStatus: Record<string, NodeRunStatus>;
  focus: FocusRequest | null;
  /** A short message for the user (e.g. why a connection was refused). */
  notice: string | null;
}

export function initialEditorState(appId: string, mode: AppMode): EditorState {
  return {
    appId,
    mode,
    nodes: [],
    edges: [],
    history: emptyHistory(),
    revision: 0,
    view: { kind: 'draft' },
    problems: [],
    problemsByNode: {},
    runStatus: {},
    focus: null,
    notice: null,
  };
}

export const isReadOnly = (state: EditorState): boolean => state.view.kind !== 'draft';

/** The one selected node, if exactly one is selected. */
export function selectedNodeId(state: EditorState): string | null {
  let found: string | null = null;
  for (const node of state.nodes) {
    if (!node.selected) continue;
    if (found !== null) return null;
    found = node.id;
  }
  return found;
}
