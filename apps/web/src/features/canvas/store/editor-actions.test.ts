import { describe, expect, it } from 'vitest';
import type { NodeChange } from '@xyflow/react';
import type { FlowNode } from '../model/flow-types';
import { createStore } from './create-store';
import { createEditorActions } from './editor-actions';
import { initialEditorState } from './editor-state';

const node = (id: string, x: number, y: number): FlowNode => ({ id, type: 'template-transform', position: { x, y }, data: { title: id, config: { template: '', variables: [] } } });
const move = (id: string, x: number, y: number, dragging = true): NodeChange<FlowNode> => ({ type: 'position', id, position: { x, y }, dragging });

/** An editor whose animation frames run when the test says so, counting store updates. */
function editorWithFrames() {
  const store = createStore(initialEditorState('app', 'workflow'));
  const frames: (() => void)[] = [];
  const actions = createEditorActions(store, { scheduleFrame: (callback) => frames.push(callback) });
  actions.replaceGraph({ nodes: [node('a', 0, 0), node('b', 300, 0)], edges: [] }, { undoable: false, save: false });
  let updates = 0;
  store.subscribe(() => updates++);
  const runFrames = () => frames.splice(0).forEach((callback) => callback());
  return { store, actions, runFrames, updates: () => updates };
}

const positionOf = (nodes: readonly FlowNode[], id: string) => nodes.find((candidate) => candidate.id === id)?.position;

describe('drag moves', () => {
  it('are applied once per frame, with the latest position of each node', () => {
    const { store, actions, runFrames, updates } = editorWithFrames();
    actions.dragStarted();
    const afterStart = updates();
    actions.onNodesChange([move('a', 10, 5)]);
    actions.onNodesChange([move('a', 20, 10)]);
    actions.onNodesChange([move('a', 30, 15), move('b', 310, 5)]);
    expect(positionOf(store.getState().nodes, 'a')).toEqual({ x: 0, y: 0 });
    expect(updates()).toBe(afterStart);
    runFrames();
    expect(updates()).toBe(afterStart + 1);
    expect(positionOf(store.getState().nodes, 'a')).toEqual({ x: 30, y: 15 });
    expect(positionOf(store.getState().nodes, 'b')).toEqual({ x: 310, y: 5 });
    expect(store.getState().nodes.find((candidate) => candidate.id === 'a')?.dragging).toBe(true);
  });

  it('are applied before the drag-end change, so the drag is one undo step back to where it began', () => {
    const { store, actions, runFrames } = editorWithFrames();
    actions.dragStarted();
    actions.onNodesChange([move('a', 40, 40)]);
    actions.onNodesChange([move('a', 50, 60, false)]);
    actions.dragStopped();
    runFrames();
    expect(positionOf(store.getState().nodes, 'a')).toEqual({ x: 50, y: 60 });
    expect(store.getState().revision).toBe(1);
    actions.undo();
    expect(positionOf(store.getState().nodes, 'a')).toEqual({ x: 0, y: 0 });
    actions.redo();
    expect(positionOf(store.getState().nodes, 'a')).toEqual({ x: 50, y: 60 });
  });

  it('are applied before any other action reads the graph', () => {
    const { store, actions } = editorWithFrames();
    actions.onNodesChange([move('a', 70, 80)]);
    actions.onNodesChange([{ type: 'select', id: 'a', selected: true }]);
    expect(store.getState().nodes.find((candidate) => candidate.id === 'a')).toMatchObject({ position: { x: 70, y: 80 }, selected: true });
    actions.onNodesChange([move('a', 90, 90)]);
    actions.duplicateSelection();
    expect(store.getState().nodes.find((candidate) => candidate.id !== 'a' && candidate.id !== 'b')?.position).toEqual({ x: 130, y: 150 });
  });

  it('are dropped while a published version is shown read-only', () => {
    const { store, actions, runFrames } = editorWithFrames();
    actions.showVersion(1, { nodes: [node('a', 0, 0)], edges: [] });
    actions.onNodesChange([move('a', 99, 99)]);
    runFrames();
    expect(positionOf(store.getState().nodes, 'a')).toEqual({ x: 0, y: 0 });
  });
});
