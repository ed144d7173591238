export { RunSessionProvider, useRunSession, useRunSessionStore } from './hooks/run-session-context';
export { useDebugRun, type DebugRunControls } from './hooks/use-debug-run';
export { DebugRunPanel } from './components/debug-run-panel';
export { NodeRunDetail } from './components/node-run-detail';
export { reduceTrace, emptyTrace, type RunTrace, type NodeTrace, type TraceEvent } from './model/run-trace';
export { traceFromStoredRun } from './model/stored-run-trace';
