'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '../../../lib/trpc';
import { Button } from '../../../ui';
import { useEditorState, type EditorState } from '../../canvas';
import { useRunSession } from '../hooks/run-session-context';
import type { DebugRunControls } from '../hooks/use-debug-run';
import type { RunSessionState } from '../model/run-session';
import { ChatPreview } from './chat-preview';
import { PastRuns } from './past-runs';
import { RunInputsForm } from './run-inputs-form';
import { RunSummary } from './run-summary';

const selectMode = (state: EditorState) => state.mode;
const selectStartConfig = (state: EditorState) => state.nodes.find((node) => node.type === 'start')?.data.config;
const selectTrace = (state: RunSessionState) => state.trace;
const selectRunning = (state: RunSessionState) => state.running;
const selectError = (state: RunSessionState) => state.error;
const selectSource = (state: RunSessionState) => state.source;

/** Run the draft (form or chat), watch it live, and open past runs. */
export function DebugRunPanel({ appId, controls }: { appId: string; controls: DebugRunControls }) {
  const mode = useEditorState(selectMode);
  const startConfig = useEditorState(selectStartConfig);
  const trace = useRunSession(selectTrace);
  const running = useRunSession(selectRunning);
  const error = useRunSession(selectError);
  const source = useRunSession(selectSource);
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  // Traces are written just after a run ends: refresh the list a moment later.
  useEffect(() => {
    if (running) return;
    const timer = setTimeout(() => void queryClient.invalidateQueries(trpc.runs.list.pathFilter()), 800);
    return () => clearTimeout(timer);
  }, [running, queryClient, trpc]);

  return (
    <div className="flex flex-col gap-4 p-4" data-testid="debug-run-panel">
      {mode === 'chatflow' ? (
        <ChatPreview onSend={(query) => void controls.start({ inputs: {}, query })} onStop={controls.stop} onNewConversation={controls.newConversation} />
      ) : (
        <RunInputsForm startConfig={startConfig} running={running} onRun={(inputs) => void controls.start({ inputs })} onStop={controls.stop} />
      )}
      {error ? (
        <p className="rounded bg-red-50 p-2 text-xs text-red-700" role="alert" data-testid="run-session-error">
          {error}
        </p>
      ) : null}
      {trace ? (
        <section className="flex flex-col gap-2">
          <div className="flex items-center justify-between">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{source === 'history' ? 'Opened run' : 'This run'}</h3>
            <Button size="sm" variant="ghost" onClick={controls.clear} data-testid="run-clear">
              Clear
            </Button>
          </div>
          <RunSummary trace={trace} showAnswer={mode === 'chatflow' || trace.answer !== ''} />
        </section>
      ) : null}
      <section className="flex flex-col gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Recent runs</h3>
        <PastRuns appId={appId} onOpen={(runId) => void controls.openRun(runId)} />
      </section>
    </div>
  );
}
