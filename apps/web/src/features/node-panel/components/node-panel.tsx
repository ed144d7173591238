'use client';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { FieldIssuesProvider, nodeUiOf } from '../../../node-ui';
import { isReadOnly, selectedNodeId, useEditorActions, useEditorState, useEditorStore, type EditorState } from '../../canvas';
import { closestFieldPath, configIssues } from '../model/config-issues';
import { upstreamVariables } from '../model/upstream-variables';
import { NodeSettingsForm } from './node-settings-form';

const selectEdges = (state: EditorState) => state.edges;
const selectRevision = (state: EditorState) => state.revision;
const selectMode = (state: EditorState) => state.mode;
const selectFocus = (state: EditorState) => state.focus;
const noProblems: never[] = [];

/** The config form of the selected node: title, the type's panel, common settings, problems on their fields. */
export function NodePanel() {
  const nodeId = useEditorState(selectedNodeId);
  if (nodeId === null) {
    return (
      <p className="p-4 text-sm text-slate-400" data-testid="node-panel-empty">
        Select a node to configure it.
      </p>
    );
  }
  return <SelectedNodePanel key={nodeId} nodeId={nodeId} />;
}

function SelectedNodePanel({ nodeId }: { nodeId: string }) {
  const actions = useEditorActions();
  const store = useEditorStore();
  // Type and data, not the node object: that changes on every drag frame, these do not.
  const type = useEditorState(useCallback((state: EditorState) => state.nodes.find((node) => node.id === nodeId)?.type, [nodeId]));
  const data = useEditorState(useCallback((state: EditorState) => state.nodes.find((node) => node.id === nodeId)?.data, [nodeId]));
  const problems = useEditorState(useCallback((state: EditorState) => state.problemsByNode[nodeId] ?? noProblems, [nodeId]));
  const readOnly = useEditorState(isReadOnly);
  const edges = useEditorState(selectEdges);
  const revision = useEditorState(selectRevision);
  const mode = useEditorState(selectMode);
  const focus = useEditorState(selectFocus);
  const container = useRef<HTMLDivElement>(null);

  // Upstream outputs depend on edges and on node data (every data edit bumps the revision), not on positions.
  const upstream = useMemo(() => upstreamVariables(store.getState(), nodeId, mode), [store, nodeId, mode, edges, revision]);
  const config = data?.config;
  const issues = useMemo(() => configIssues(type, config ?? {}, problems), [type, config, problems]);

  useEffect(() => {
    if (!focus || focus.nodeId !== nodeId || !container.current) return;
    const fields = [...container.current.querySelectorAll<HTMLElement>('[data-field-path]')];
    const path = closestFieldPath(
      fields.map((field) => field.dataset.fieldPath ?? ''),
      focus.path,
    );
    const field = fields.find((candidate) => candidate.dataset.fieldPath === path);
    field?.scrollIntoView({ block: 'center' });
    field?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, [focus, nodeId]);

  const ui = nodeUiOf(type);
  if (!data || !config) return null;
  const onChange = (next: Record<string, unknown>) => actions.updateConfig(nodeId, next);
  const nodeIssue = issues.get('');

  return (
    <div ref={container} className="flex flex-col gap-3 p-4" data-testid="node-panel" data-node-id={nodeId}>
      <div className="flex items-center gap-2">
        {ui ? <span className={`flex size-7 items-center justify-center rounded text-xs text-white ${ui.accentClass}`}>{ui.glyph}</span> : null}
        <input
          className="flex-1 rounded border border-transparent px-1 py-0.5 text-base font-semibold hover:border-slate-200 focus:border-brand-500 focus:outline-none"
          value={data.title}
          disabled={readOnly}
          aria-label="Node title"
          data-testid="node-title-input"
          onChange={(event) => actions.updateTitle(nodeId, event.target.value)}
        />
      </div>
      <p className="font-mono text-xs text-slate-400">
        {type} · id {nodeId}
      </p>
      {nodeIssue !== undefined ? (
        <p className="rounded bg-red-50 px-2 py-1 text-xs text-red-700" role="alert" data-testid="field-issue">
          {nodeIssue}
        </p>
      ) : null}
      <FieldIssuesProvider value={issues}>
        {ui ? <ui.Panel nodeId={nodeId} config={config} onChange={onChange} upstream={upstream} issues={issues} readOnly={readOnly} /> : <p className="text-sm text-red-600">Unknown node type "{type}": this weft has no UI for it.</p>}
        <NodeSettingsForm config={config} onChange={onChange} readOnly={readOnly} />
      </FieldIssuesProvider>
    </div>
  );
}
