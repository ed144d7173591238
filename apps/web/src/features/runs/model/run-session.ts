import { createStore, type EditorActions, type Store } from '../../canvas';
import { emptyTrace, reduceTrace, type RunTrace, type TraceEvent } from './run-trace';

export interface ChatTurn {
  query: string;
  answer: string;
  status: RunTrace['status'];
  runId: string | undefined;
}

export interface RunSessionState {
  trace: RunTrace | null;
  /** `live`: a debug run streamed here; `history`: a past run opened from the list. */
  source: 'live' | 'history' | null;
  running: boolean;
  conversationId: string | undefined;
  chat: ChatTurn[];
  error: string | null;
}

export type RunSessionStore = Store<RunSessionState>;

export const createRunSessionStore = (): RunSessionStore =>
  createStore<RunSessionState>({ trace: null, source: null, running: false, conversationId: undefined, chat: [], error: null });

/** Node statuses for the canvas badges, changed only when a status changes (text chunks do not repaint nodes). */
export function statusesOf(trace: RunTrace): Record<string, RunTrace['nodes'][string]['status']> {
  return Object.fromEntries(Object.values(trace.nodes).map((node) => [node.nodeId, node.status]));
}

const sameStatuses = (left: RunTrace | null, right: RunTrace) =>
  left !== null && left.order.length === right.order.length && right.order.every((id) => left.nodes[id]?.status === right.nodes[id]?.status);

/** Folds live events into the session and mirrors node statuses onto the canvas. */
export function createTraceFeeder(session: RunSessionStore, editor: Pick<EditorActions, 'setRunStatus'>, answerNodeIds: ReadonlySet<string>, query: string | undefined) {
  session.setState((state) => ({
    trace: emptyTrace(),
    source: 'live',
    running: true,
    error: null,
    chat: query === undefined ? state.chat : [...state.chat, { query, answer: '', status: 'running', runId: undefined }],
  }));
  editor.setRunStatus({});
  return {
    push(event: TraceEvent) {
      const before = session.getState().trace;
      const trace = reduceTrace(before ?? emptyTrace(), event, answerNodeIds);
      const patch: Partial<RunSessionState> = { trace };
      if (event.type === 'debug-run-started' && event.conversationId !== undefined) patch.conversationId = event.conversationId;
      if (query !== undefined) {
        const chat = session.getState().chat;
        const last = chat.at(-1);
        if (last) patch.chat = [...chat.slice(0, -1), { ...last, answer: trace.answer, status: trace.status, runId: trace.runId }];
      }
      if (event.type === 'run-finished' || event.type === 'run-failed') patch.running = false;
      session.setState(patch);
      if (!sameStatuses(before, trace)) editor.setRunStatus(statusesOf(trace));
    },
    fail(message: string) {
      session.setState({ running: false, error: message });
    },
    end() {
      session.setState({ running: false });
    },
  };
}
