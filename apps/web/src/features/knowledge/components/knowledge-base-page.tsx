'use client';
import Link from 'next/link';
import { useState } from 'react';
import { describeError } from '../../../lib/describe-error';
import { routes } from '../../../lib/routes';
import { Badge } from '../../../ui';
import { hasRole, useWorkspace } from '../../session';
import { PageHeader } from '../../shell';
import { useKnowledgeBase } from '../hooks/use-knowledge-bases';
import { describeChunkSettings } from '../model/chunk-settings-form';
import { AddDocuments } from './add-documents';
import { DocumentsTable } from './documents-table';
import { KnowledgeBaseSettings } from './knowledge-base-settings';
import { RetrievalTestPanel } from './retrieval-test-panel';

const tabs = [
  { id: 'documents', label: 'Documents' },
  { id: 'retrieval', label: 'Retrieval test' },
  { id: 'settings', label: 'Settings' },
] as const;
type Tab = (typeof tabs)[number]['id'];

/** One knowledge base: add and watch documents, test retrieval. */
export function KnowledgeBasePage({ knowledgeBaseId }: { knowledgeBaseId: string }) {
  const { workspace } = useWorkspace();
  const canEdit = hasRole(workspace.role, 'editor');
  const knowledgeBase = useKnowledgeBase(knowledgeBaseId);
  const [tab, setTab] = useState<Tab>('documents');

  if (knowledgeBase.isPending) return <p className="text-sm text-slate-500">Loading knowledge base…</p>;
  if (knowledgeBase.error) {
    return (
      <div className="flex flex-col gap-2 text-sm" data-testid="knowledge-base-error">
        <p className="text-red-600" role="alert">
          {describeError(knowledgeBase.error)}
        </p>
        <Link href={routes.knowledge} className="text-brand-600 hover:underline">
          Back to knowledge bases
        </Link>
      </div>
    );
  }
  const base = knowledgeBase.data;
  return (
    <div data-testid="knowledge-base-page" data-knowledge-base-id={base.id} className="flex flex-col gap-4">
      <div>
        <Link href={routes.knowledge} className="text-xs text-slate-500 hover:text-slate-800" data-testid="knowledge-back">
          ← Knowledge
        </Link>
        <PageHeader
          title={base.name}
          description={
            <span className="flex flex-wrap items-center gap-1.5">
              {base.description && <span className="mr-1">{base.description}</span>}
              <Badge tone="info">{base.embeddingModel}</Badge>
              <Badge data-testid="knowledge-base-chunking">{describeChunkSettings(base.chunkSettings)}</Badge>
            </span>
          }
        />
      </div>
      <div role="tablist" aria-label="Knowledge base" className="-mt-3 flex gap-4 border-b border-slate-200 text-sm">
        {tabs.map((option) => (
          <button
            key={option.id}
            type="button"
            role="tab"
            aria-selected={tab === option.id}
            onClick={() => setTab(option.id)}
            data-testid={`knowledge-tab-${option.id}`}
            className={`-mb-px border-b-2 px-1 pb-2 ${tab === option.id ? 'border-brand-600 font-medium text-slate-900' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
          >
            {option.label}
          </button>
        ))}
      </div>
      {tab === 'documents' ? (
        <>
          {canEdit && <AddDocuments knowledgeBaseId={base.id} chunkSettings={base.chunkSettings} />}
          <DocumentsTable knowledgeBaseId={base.id} canEdit={canEdit} />
        </>
      ) : tab === 'retrieval' ? (
        <RetrievalTestPanel knowledgeBaseId={base.id} />
      ) : (
        <KnowledgeBaseSettings key={base.updatedAt} knowledgeBase={base} canEdit={canEdit} />
      )}
    </div>
  );
}
