'use client';

import Link from 'next/link';
import { formatDateTime } from '../../lib/format';
import { routes } from '../../lib/routes';
import type { RouterOutputs } from '../../lib/trpc';
import { Badge, Button } from '../../ui';

export type AppSummary = RouterOutputs['apps']['list'][number];

export interface AppCardProps {
  app: AppSummary;
  canEdit: boolean;
  onRename: (app: AppSummary) => void;
  onDelete: (app: AppSummary) => void;
}

export function AppCard({ app, canEdit, onRename, onDelete }: AppCardProps) {
  return (
    <li data-testid="app-card" data-app-id={app.id} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-xs hover:border-slate-300">
      <div className="flex items-start justify-between gap-2">
        <Link href={routes.app(app.id)} className="min-w-0 flex-1" data-testid="app-open">
          <div className="flex items-center gap-2">
            <span
              className="flex size-8 shrink-0 items-center justify-center rounded-md bg-brand-100 text-sm font-semibold text-brand-700"
              style={app.iconBackground ? { background: app.iconBackground } : undefined}
              aria-hidden
            >
              {app.icon || app.name.trim().charAt(0).toUpperCase() || '?'}
            </span>
            <span className="truncate font-medium" data-testid="app-name">
              {app.name}
            </span>
          </div>
        </Link>
        <Badge tone={app.mode === 'chatflow' ? 'info' : 'neutral'} data-testid="app-mode">
          {app.mode}
        </Badge>
      </div>
      <p className="mt-2 line-clamp-2 min-h-10 text-sm text-slate-500">{app.description || 'No description.'}</p>
      <div className="mt-3 flex items-center gap-1 text-xs text-slate-400">
        <span className="mr-auto">Updated {formatDateTime(app.updatedAt)}</span>
        <Link href={routes.appRuns(app.id)} className="rounded px-1.5 py-1 text-slate-600 hover:bg-slate-100" data-testid="app-runs">
          Runs
        </Link>
        <Link href={routes.appApiAccess(app.id)} className="rounded px-1.5 py-1 text-slate-600 hover:bg-slate-100" data-testid="app-api">
          API
        </Link>
        {canEdit && (
          <>
            <Button variant="ghost" size="sm" onClick={() => onRename(app)} data-testid="app-rename">
              Rename
            </Button>
            <Button variant="ghost-danger" size="sm" onClick={() => onDelete(app)} data-testid="app-delete">
              Delete
            </Button>
          </>
        )}
      </div>
    </li>
  );
}
