'use client';
import Link from 'next/link';
import { formatDateTime } from '../../../lib/format';
import { routes } from '../../../lib/routes';
import { Badge, Button } from '../../../ui';
import type { KnowledgeBaseView } from '../knowledge-types';
import { describeChunkSettings } from '../model/chunk-settings-form';

export function KnowledgeBaseCard({ knowledgeBase, canEdit, onDelete }: { knowledgeBase: KnowledgeBaseView; canEdit: boolean; onDelete(knowledgeBase: KnowledgeBaseView): void }) {
  const count = knowledgeBase.documentCount;
  return (
    <li data-testid="knowledge-base-card" data-knowledge-base-id={knowledgeBase.id} className="group relative flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500/60 hover:shadow">
      <div className="flex items-start gap-3">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-teal-500 text-xs font-bold text-white" aria-hidden>
          KB
        </span>
        <div className="min-w-0 flex-1">
          <Link href={routes.knowledgeBase(knowledgeBase.id)} className="block truncate font-medium text-slate-900 after:absolute after:inset-0" data-testid="knowledge-base-link">
            {knowledgeBase.name}
          </Link>
          <p className="truncate text-xs text-slate-500">
            {count} document{count === 1 ? '' : 's'} · created {formatDateTime(knowledgeBase.createdAt)}
          </p>
        </div>
        {canEdit && (
          <Button size="sm" variant="ghost-danger" className="relative z-10 shrink-0 opacity-0 group-hover:opacity-100 focus:opacity-100" onClick={() => onDelete(knowledgeBase)} data-testid="knowledge-base-delete">
            Delete
          </Button>
        )}
      </div>
      <p className="line-clamp-2 min-h-10 text-sm text-slate-600">{knowledgeBase.description || <span className="text-slate-400">No description</span>}</p>
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone="info">{knowledgeBase.embeddingModel}</Badge>
        <Badge>{describeChunkSettings(knowledgeBase.chunkSettings)}</Badge>
      </div>
    </li>
  );
}
