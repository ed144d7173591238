'use client';
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { AppMode } from '../../../node-ui';
import { createStore, useStoreSlice } from './create-store';
import { createEditorActions, type EditorActions, type EditorStore } from './editor-actions';
import { initialEditorState, type EditorState } from './editor-state';

interface EditorHandle {
  store: EditorStore;
  actions: EditorActions;
}

const EditorContext = createContext<EditorHandle | null>(null);

export function createEditor(appId: string, mode: AppMode): EditorHandle {
  const store = createStore(initialEditorState(appId, mode));
  return { store, actions: createEditorActions(store) };
}

/** One editor (graph, history, problems, run badges) per mounted editor screen. */
export function EditorProvider({ appId, mode, children }: { appId: string; mode: AppMode; children: ReactNode }) {
  const [editor] = useState(() => createEditor(appId, mode));
  return <EditorContext.Provider value={editor}>{children}</EditorContext.Provider>;
}

function useEditorHandle(): EditorHandle {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('Editor hooks need <EditorProvider> above them (the editor screen provides it).');
  return editor;
}

/** A slice of the editor state; pass a selector defined outside the component (or memoised) for a stable identity. */
export function useEditorState<Slice>(selector: (state: EditorState) => Slice): Slice {
  return useStoreSlice(useEditorHandle().store, selector);
}

export function useEditorActions(): EditorActions {
  return useEditorHandle().actions;
}

/** For effects that read the latest state without re-rendering on it (autosave, runs). */
export function useEditorStore(): EditorStore {
  return useEditorHandle().store;
}
