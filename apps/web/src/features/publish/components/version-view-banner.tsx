'use client';
import { useEditorActions, useEditorState, type DraftSync, type EditorState } from '../../canvas';
import { Button } from '../../../ui';
import { RestoreButton } from './version-history';

const selectView = (state: EditorState) => state.view;

/** While a published version is on the canvas: say so, and offer the way back or a restore. */
export function VersionViewBanner({ appId, sync }: { appId: string; sync: DraftSync }) {
  const view = useEditorState(selectView);
  const actions = useEditorActions();
  if (view.kind !== 'version') return null;
  return (
    <div className="flex items-center gap-3 border-b border-brand-100 bg-brand-50 px-4 py-2 text-sm text-brand-700" data-testid="version-view-banner">
      <span className="flex-1">Viewing published version {view.number} (read-only). Your draft is unchanged.</span>
      <RestoreButton appId={appId} number={view.number} sync={sync} />
      <Button size="sm" variant="secondary" onClick={actions.backToDraft} data-testid="version-back-to-draft">
        Back to draft
      </Button>
    </div>
  );
}
