import { useCallback, useSyncExternalStore } from 'react';

/** A minimal external store: components subscribe to slices, so a change re-renders only those whose slice changed. */
export interface Store<State> {
  getState(): State;
  setState(update: Partial<State> | ((state: State) => Partial<State>)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<State>(initial: State): Store<State> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState(update) {
      const patch = typeof update === 'function' ? update(state) : update;
      state = { ...state, ...patch };
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The selected slice; re-renders when it changes by `Object.is`. Selectors must return stable references. */
export function useStoreSlice<State, Slice>(store: Store<State>, selector: (state: State) => Slice): Slice {
  const select = useCallback(() => selector(store.getState()), [store, selector]);
  return useSyncExternalStore(store.subscribe, select, select);
}
