'use client';
import Link from 'next/link';
import { routes } from '../../../lib/routes';
import { useCallback, useEffect, useState } from 'react';
import { CanvasToolbar, ConflictBanner, EditorCanvas, NodePalette, ProblemsList, SaveStatus, selectedNodeId, useDraftSync, useEditorState, type EditorState } from '../../../features/canvas';
import { NodePanel } from '../../../features/node-panel';
import { PublishButton, VersionHistory, VersionViewBanner } from '../../../features/publish';
import { DebugRunPanel, NodeRunDetail, useDebugRun } from '../../../features/runs';
import { PanelOptionsProvider, type AppMode } from '../../../node-ui';
import { Badge } from '../../../ui';
import { usePanelOptionsData } from './use-panel-options';

type SidebarTab = 'node' | 'run' | 'versions';
const tabs: { id: SidebarTab; label: string }[] = [
  { id: 'node', label: 'Node' },
  { id: 'run', label: 'Run' },
  { id: 'versions', label: 'Versions' },
];

const selectNodeCount = (state: EditorState) => state.nodes.length;
const selectViewKind = (state: EditorState) => state.view.kind;

export interface EditorApp {
  id: string;
  name: string;
  mode: AppMode;
  workspaceId: string;
}

export function EditorLayout({ app }: { app: EditorApp }) {
  const { sync, state: syncState } = useDraftSync(app.id);
  const beforeRun = useCallback(async () => {
    await sync.flush();
    return sync.state.getState().status === 'saved';
  }, [sync]);
  const controls = useDebugRun(app.id, beforeRun);
  const panelOptions = usePanelOptionsData(app.workspaceId, app.mode);
  const [tab, setTab] = useState<SidebarTab>('node');
  const selected = useEditorState(selectedNodeId);
  const nodeCount = useEditorState(selectNodeCount);
  const viewKind = useEditorState(selectViewKind);
  const loaded = syncState.status !== 'loading';

  useEffect(() => {
    if (selected !== null) setTab((current) => (current === 'run' ? current : 'node'));
  }, [selected]);

  // `?run=<id>` (from the runs list) opens that run's trace once the draft is on the canvas.
  const { openRun } = controls;
  useEffect(() => {
    if (!loaded) return;
    const runId = new URLSearchParams(window.location.search).get('run');
    if (runId) {
      setTab('run');
      void openRun(runId);
    }
  }, [loaded, openRun]);

  return (
    <PanelOptionsProvider value={panelOptions}>
      <div className="flex h-screen flex-col" data-testid="editor-screen" data-ready={loaded && nodeCount > 0 ? 'true' : 'false'} data-app-mode={app.mode}>
        <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
          <Link href={routes.apps} className="text-sm text-slate-500 hover:text-slate-800">
            ← Apps
          </Link>
          <h1 className="text-sm font-semibold" data-testid="editor-app-name">
            {app.name}
          </h1>
          <Badge tone="info">{app.mode}</Badge>
          <SaveStatus state={syncState} sync={sync} />
          <div className="flex-1" />
          <CanvasToolbar />
          <PublishButton appId={app.id} sync={sync} disabled={!loaded || viewKind !== 'draft'} />
        </header>
        <ConflictBanner state={syncState} sync={sync} />
        <VersionViewBanner appId={app.id} sync={sync} />
        <div className="flex min-h-0 flex-1">
          <aside className="w-48 shrink-0 overflow-auto border-r border-slate-200 bg-white">
            <NodePalette />
          </aside>
          <main className="flex min-w-0 flex-1 flex-col">
            <div className="min-h-0 flex-1">
              <EditorCanvas />
            </div>
            <ProblemsList />
          </main>
          <aside className="flex w-96 shrink-0 flex-col border-l border-slate-200 bg-white">
            <nav className="flex border-b border-slate-200" role="tablist">
              {tabs.map((entry) => (
                <button
                  key={entry.id}
                  type="button"
                  role="tab"
                  aria-selected={tab === entry.id}
                  data-testid={`sidebar-tab-${entry.id}`}
                  onClick={() => setTab(entry.id)}
                  className={`flex-1 py-2 text-sm ${tab === entry.id ? 'border-b-2 border-brand-600 font-semibold text-brand-700' : 'text-slate-500 hover:text-slate-800'}`}
                >
                  {entry.label}
                </button>
              ))}
            </nav>
            <div className="min-h-0 flex-1 overflow-auto">
              {tab === 'node' ? (
                <>
                  <NodePanel />
                  <NodeRunDetail />
                </>
              ) : tab === 'run' ? (
                <>
                  <DebugRunPanel appId={app.id} controls={controls} />
                  <NodeRunDetail />
                </>
              ) : (
                <VersionHistory appId={app.id} sync={sync} />
              )}
            </div>
          </aside>
        </div>
      </div>
    </PanelOptionsProvider>
  );
}
