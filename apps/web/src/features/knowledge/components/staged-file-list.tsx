'use client';
import { Button } from '../../../ui';
import { isPreviewable, type StagedFile } from '../model/staged-files';

interface StagedFileListProps {
  staged: StagedFile[];
  previewKey: string | undefined;
  onPreview(key: string): void;
  onRemove(key: string): void;
}

/** Files waiting to be uploaded; ones that cannot go stay greyed with the reason. */
export function StagedFileList({ staged, previewKey, onPreview, onRemove }: StagedFileListProps) {
  if (staged.length === 0) return null;
  return (
    <ul className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" data-testid="staged-files">
      {staged.map((entry) => (
        <li key={entry.key} data-testid="staged-file" className={`flex items-center gap-2 px-2.5 py-1.5 ${entry.problem ? 'text-slate-400' : ''}`}>
          <span className="min-w-0 flex-1 truncate" title={entry.file.name}>
            {entry.file.name}
          </span>
          {entry.problem ? (
            <span className="max-w-56 truncate text-xs text-red-600" title={entry.problem}>
              {entry.problem}
            </span>
          ) : (
            <span className="text-xs text-slate-400">{Math.max(1, Math.round(entry.file.size / 1024))} KB</span>
          )}
          {!entry.problem && isPreviewable(entry.file.name) && (
            <Button size="sm" variant={previewKey === entry.key ? 'secondary' : 'ghost'} onClick={() => onPreview(entry.key)}>
              Preview
            </Button>
          )}
          <Button size="sm" variant="ghost" aria-label={`Remove ${entry.file.name}`} onClick={() => onRemove(entry.key)}>
            ✕
          </Button>
        </li>
      ))}
    </ul>
  );
}
