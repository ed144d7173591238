'use client';
import { formatDateTime } from '../../../lib/format';
import { Badge, Button, ProgressBar } from '../../../ui';
import { isSettled, statusTone } from '../document-progress';
import type { DocumentView } from '../knowledge-types';

interface DocumentRowProps {
  document: DocumentView;
  canEdit: boolean;
  retrying: boolean;
  onRetry(document: DocumentView): void;
  onDelete(document: DocumentView): void;
}

export function DocumentRow({ document, canEdit, retrying, onRetry, onDelete }: DocumentRowProps) {
  const busy = !isSettled(document.status);
  return (
    <tr data-testid="document-row" data-document-id={document.id} data-document-name={document.name} data-status={document.status} className="align-top">
      <td className="max-w-0 py-2.5 pr-3 pl-4">
        <div className="truncate font-medium text-slate-800" title={document.name} data-testid="document-name">
          {document.name}
        </div>
        {document.status === 'error' && document.error && (
          <p className="mt-0.5 text-xs break-words text-red-600" data-testid="document-error" data-error-code={document.error.code}>
            {document.error.message}
          </p>
        )}
      </td>
      <td className="w-56 py-2.5 pr-3">
        <div className="flex items-center gap-2">
          <Badge tone={statusTone(document.status)} data-testid="document-status">
            {document.status}
          </Badge>
          {busy && <span className="text-xs text-slate-500 tabular-nums">{Math.round(document.progress)}%</span>}
        </div>
        {busy && (
          <div className="mt-1.5">
            <ProgressBar value={document.progress / 100} label={`${document.name} progress`} data-testid="document-progress" />
          </div>
        )}
      </td>
      <td className="w-28 py-2.5 pr-3 text-right text-slate-600 tabular-nums" data-testid="document-segments">
        {document.segmentCount ?? '—'}
      </td>
      <td className="w-28 py-2.5 pr-3 text-right text-slate-600 tabular-nums">{document.tokens?.toLocaleString('en') ?? '—'}</td>
      <td className="w-44 py-2.5 pr-3 text-slate-500">{formatDateTime(document.createdAt)}</td>
      <td className="w-40 py-2 pr-4 text-right whitespace-nowrap">
        {canEdit && document.status === 'error' && (
          <Button size="sm" variant="secondary" busy={retrying} onClick={() => onRetry(document)} data-testid="document-retry">
            Retry
          </Button>
        )}
        {canEdit && (
          <Button size="sm" variant="ghost-danger" onClick={() => onDelete(document)} data-testid="document-delete">
            Delete
          </Button>
        )}
      </td>
    </tr>
  );
}
