'use client';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStoreSlice } from '../../canvas';
import { createRunSessionStore, type RunSessionState, type RunSessionStore } from '../model/run-session';

const RunSessionContext = createContext<RunSessionStore | null>(null);

/** The debug-run session of one editor screen: the trace on the canvas, the chat, the conversation. */
export function RunSessionProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createRunSessionStore);
  return <RunSessionContext.Provider value={store}>{children}</RunSessionContext.Provider>;
}

export function useRunSessionStore(): RunSessionStore {
  const store = useContext(RunSessionContext);
  if (!store) throw new Error('Run hooks need <RunSessionProvider> above them (the editor screen provides it).');
  return store;
}

export function useRunSession<Slice>(selector: (state: RunSessionState) => Slice): Slice {
  return useStoreSlice(useRunSessionStore(), selector);
}
