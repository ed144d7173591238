'use client';
import { useState } from 'react';
import { Button } from '../../../ui';
import type { DraftSync, DraftSyncState } from './draft-sync';

/**
 * Shown when a save hit someone else's newer save: who and when, and three explicit choices. Until one is picked
 * the local graph stays as it is and nothing is saved, so neither side's edit is lost silently.
 */
export function ConflictBanner({ state, sync }: { state: DraftSyncState; sync: DraftSync }) {
  const [busy, setBusy] = useState(false);
  const run = (choice: () => Promise<void>) => {
    setBusy(true);
    void choice().finally(() => setBusy(false));
  };
  if (state.status !== 'conflict' || !state.conflict) {
    if (state.mergeConflicts.length === 0) return null;
    return (
      <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900" data-testid="merge-conflicts">
        Merged. Both of you changed {state.mergeConflicts.map((conflict) => `"${conflict.nodeId}" (kept ${conflict.kept === 'mine' ? 'yours' : 'theirs'})`).join(', ')}; undo brings back your version.
      </div>
    );
  }
  const { savedBy, savedAt, currentVersion } = state.conflict;
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900" data-testid="draft-conflict">
      <span className="flex-1" data-testid="draft-conflict-message">
        <strong>{savedBy}</strong> saved this draft at {savedAt.toLocaleString()} (version {currentVersion}) while you were editing. Your changes are still here, not saved.
      </span>
      <Button size="sm" variant="primary" busy={busy} onClick={() => run(sync.keepBoth)} data-testid="conflict-keep-both" title="Merge node by node; where you both changed a node, yours is kept">
        Keep both
      </Button>
      <Button size="sm" variant="secondary" disabled={busy} onClick={() => run(sync.reload)} data-testid="conflict-reload" title="Load their version; undo brings yours back">
        Reload theirs
      </Button>
      <Button size="sm" variant="danger" disabled={busy} onClick={() => run(sync.overwrite)} data-testid="conflict-overwrite" title="Save your version over theirs">
        Overwrite with mine
      </Button>
    </div>
  );
}
