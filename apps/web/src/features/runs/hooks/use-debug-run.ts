'use client';
import { useCallback, useEffect, useRef } from 'react';
import { useTRPCClient } from '../../../lib/trpc';
import { useEditorActions, useEditorStore } from '../../canvas';
import { createTraceFeeder } from '../model/run-session';
import { traceFromStoredRun } from '../model/stored-run-trace';
import { useRunSessionStore } from './run-session-context';

interface Unsubscribable {
  unsubscribe(): void;
}

export interface DebugRunControls {
  /** Runs the saved draft; `beforeRun` (save the draft) must resolve true first. */
  start(input: { inputs: Record<string, unknown>; query?: string }): Promise<void>;
  stop(): void;
  openRun(runId: string): Promise<void>;
  newConversation(): void;
  clear(): void;
}

/** Debug runs over the `runs.debugRun` subscription, and past runs from `runs.get`, shown on the canvas. */
export function useDebugRun(appId: string, beforeRun: () => Promise<boolean>): DebugRunControls {
  const client = useTRPCClient();
  const session = useRunSessionStore();
  const editorStore = useEditorStore();
  const editor = useEditorActions();
  const subscription = useRef<Unsubscribable | null>(null);

  const answerNodeIds = useCallback(() => new Set(editorStore.getState().nodes.filter((node) => node.type === 'answer').map((node) => node.id)), [editorStore]);

  const stop = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = null;
    session.setState({ running: false });
  }, [session]);

  useEffect(() => () => subscription.current?.unsubscribe(), []);

  const start = useCallback(
    async ({ inputs, query }: { inputs: Record<string, unknown>; query?: string }) => {
      stop();
      if (!(await beforeRun())) {
        session.setState({ error: 'The draft is not saved (see the banner above the canvas); resolve that first, then run.' });
        return;
      }
      const feeder = createTraceFeeder(session, editor, answerNodeIds(), query);
      const conversationId = query === undefined ? undefined : session.getState().conversationId;
      subscription.current = client.runs.debugRun.subscribe(
        { appId, inputs, ...(query === undefined ? {} : { query }), ...(conversationId === undefined ? {} : { conversationId }) },
        {
          onData: (event) => feeder.push(event),
          onError: (error) => feeder.fail(error.message),
          onComplete: () => feeder.end(),
        },
      );
    },
    [appId, answerNodeIds, beforeRun, client, editor, session, stop],
  );

  const openRun = useCallback(
    async (runId: string) => {
      stop();
      try {
        const run = await client.runs.get.query({ appId, runId });
        const trace = traceFromStoredRun(run, answerNodeIds());
        session.setState({ trace, source: 'history', error: null });
        editor.setRunStatus(Object.fromEntries(Object.values(trace.nodes).map((node) => [node.nodeId, node.status])));
      } catch (error) {
        session.setState({ error: error instanceof Error ? error.message : String(error) });
      }
    },
    [appId, answerNodeIds, client, editor, session, stop],
  );

  const newConversation = useCallback(() => {
    stop();
    session.setState({ conversationId: undefined, chat: [], trace: null, source: null });
    editor.setRunStatus({});
  }, [editor, session, stop]);

  const clear = useCallback(() => {
    session.setState({ trace: null, source: null, error: null });
    editor.setRunStatus({});
  }, [editor, session]);

  return { start, stop, openRun, newConversation, clear };
}
