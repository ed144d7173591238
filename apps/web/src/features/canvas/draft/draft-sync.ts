import type { CompileProblem, Workflow } from '@weft/workflow-engine/spec';
import { mergeGraphs, type GraphMerge } from '../model/merge-graphs';
import { toFlowGraph, toWorkflow } from '../model/graph-convert';
import { createStore, type Store } from '../store/create-store';
import type { EditorActions, EditorStore } from '../store/editor-actions';
import { readDraftConflict, type DraftConflict } from './draft-conflict';

/** The two draft procedures, as the sync uses them (the tRPC client in the app, a real API in tests). */
export interface DraftApi {
  load(): Promise<{ graph: Workflow; version: number }>;
  save(graph: Workflow, baseVersion: number): Promise<{ version: number; problems: CompileProblem[] }>;
}

export type SaveStatus = 'loading' | 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

export interface DraftSyncState {
  status: SaveStatus;
  /** Draft version the next save is based on. */
  version: number;
  savedAt: Date | null;
  conflict: DraftConflict | null;
  error: string | null;
  /** Nodes "keep both" could not merge (both sides changed them); shown until the next conflict or reload. */
  mergeConflicts: GraphMerge['conflicts'];
}

export interface DraftSync {
  state: Store<DraftSyncState>;
  start(): Promise<void>;
  /** Saves now if there are unsaved changes (leaving the page, before a run or publish). */
  flush(): Promise<void>;
  reload(): Promise<void>;
  overwrite(): Promise<void>;
  keepBoth(): Promise<void>;
  stop(): void;
}

/**
 * Debounced autosave with optimistic concurrency. Every save names the version it was based on; when someone saved
 * in between, autosave stops, the local graph stays on screen, and the user picks: reload theirs (mine stays one
 * undo away), overwrite with mine, or keep both (three-way merge from the last common save).
 */
export function createDraftSync(api: DraftApi, editor: { store: EditorStore; actions: EditorActions }, debounceMs = 700): DraftSync {
  const state = createStore<DraftSyncState>({ status: 'loading', version: 0, savedAt: null, conflict: null, error: null, mergeConflicts: [] });
  let baseGraph: Workflow = { nodes: [], edges: [] };
  let savedRevision = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> | undefined;
  let unsubscribe: (() => void) | undefined;

  const currentGraph = (): Workflow => {
    const editorState = editor.store.getState();
    return toWorkflow(editorState.view.kind === 'version' ? editorState.view.stash : { nodes: editorState.nodes, edges: editorState.edges });
  };
  const dirty = () => editor.store.getState().revision !== savedRevision;

  const schedule = () => {
    const status = state.getState().status;
    if (status === 'conflict' || status === 'loading' || !dirty()) return;
    if (status !== 'saving') state.setState({ status: 'dirty' });
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), debounceMs);
  };

  async function saveOnce(): Promise<void> {
    const revision = editor.store.getState().revision;
    const graph = currentGraph();
    state.setState({ status: 'saving' });
    try {
      const saved = await api.save(graph, state.getState().version);
      baseGraph = graph;
      savedRevision = revision;
      editor.actions.setProblems(saved.problems);
      state.setState({ status: dirty() ? 'dirty' : 'saved', version: saved.version, savedAt: new Date(), error: null });
    } catch (error) {
      const conflict = readDraftConflict(error);
      if (conflict) state.setState({ status: 'conflict', conflict });
      else state.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function flush(): Promise<void> {
    clearTimeout(timer);
    while (saving) await saving;
    const status = state.getState().status;
    if (status === 'conflict' || status === 'loading' || !dirty()) return;
    saving = saveOnce().finally(() => (saving = undefined));
    await saving;
    schedule();
  }

  const adopt = (graph: Workflow, version: number, options: { undoable: boolean }) => {
    baseGraph = graph;
    editor.actions.replaceGraph(toFlowGraph(graph), { undoable: options.undoable, save: false });
    savedRevision = editor.store.getState().revision;
    state.setState({ version, status: 'saved', conflict: null, error: null });
  };

  return {
    state,
    async start() {
      const draft = await api.load();
      adopt(draft.graph, draft.version, { undoable: false });
      unsubscribe = editor.store.subscribe(() => {
        if (editor.store.getState().revision !== savedRevision && state.getState().status !== 'dirty') schedule();
      });
    },
    flush,
    async reload() {
      const draft = await api.load();
      adopt(draft.graph, draft.version, { undoable: true });
      state.setState({ mergeConflicts: [] });
    },
    async overwrite() {
      const conflict = state.getState().conflict;
      if (!conflict) return;
      state.setState({ status: 'dirty', conflict: null, version: conflict.currentVersion });
      await flush();
    },
    async keepBoth() {
      const theirs = await api.load();
      const merged = mergeGraphs(baseGraph, theirs.graph, currentGraph());
      baseGraph = theirs.graph;
      editor.actions.replaceGraph(toFlowGraph(merged.graph), { undoable: true, save: true });
      state.setState({ version: theirs.version, status: 'dirty', conflict: null, mergeConflicts: merged.conflicts });
      await flush();
    },
    stop() {
      clearTimeout(timer);
      unsubscribe?.();
    },
  };
}
