'use client';
import { Button } from '../../../ui';
import type { DraftSync, DraftSyncState } from './draft-sync';

const timeOf = (date: Date) => date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "Saved 12:03:04" / "Saving…" / "Unsaved changes" / the save error with a retry. */
export function SaveStatus({ state, sync }: { state: DraftSyncState; sync: DraftSync }) {
  const text: Record<DraftSyncState['status'], string> = {
    loading: 'Loading…',
    saved: state.savedAt ? `Saved ${timeOf(state.savedAt)}` : 'Saved',
    dirty: 'Unsaved changes',
    saving: 'Saving…',
    conflict: 'Not saved: conflict',
    error: 'Not saved',
  };
  return (
    <span className="flex items-center gap-2 text-xs text-slate-500" data-testid="save-status" data-status={state.status} data-version={state.version}>
      {text[state.status]}
      {state.status === 'error' ? (
        <>
          <span className="max-w-72 truncate text-red-600" title={state.error ?? ''}>
            {state.error}
          </span>
          <Button size="sm" variant="secondary" onClick={() => void sync.flush()}>
            Retry
          </Button>
        </>
      ) : null}
    </span>
  );
}
