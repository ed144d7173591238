'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../../lib/describe-error';
import { ConfirmDialog, useToast } from '../../../ui';
import { documentsSummary } from '../document-progress';
import { useDocuments } from '../hooks/use-documents';
import { useTRPC } from '../../../lib/trpc';
import type { DocumentView } from '../knowledge-types';
import { DocumentRow } from './document-row';

/** The knowledge base's documents with live status; retry failed ones, delete any. */
export function DocumentsTable({ knowledgeBaseId, canEdit }: { knowledgeBaseId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { documents, streamLive } = useDocuments(knowledgeBaseId);
  const [deleting, setDeleting] = useState<DocumentView | null>(null);
  const key = trpc.knowledge.documents.list.queryKey({ knowledgeBaseId });
  const retry = useMutation(
    trpc.knowledge.documents.retry.mutationOptions({
      onSuccess: (document) => queryClient.setQueryData<DocumentView[]>(key, (list) => list?.map((existing) => (existing.id === document.id ? document : existing))),
      onError: (error) => toast.error(describeError(error)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
    }),
  );
  const remove = useMutation(
    trpc.knowledge.documents.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: key });
        await queryClient.invalidateQueries(trpc.knowledge.list.pathFilter());
        setDeleting(null);
      },
    }),
  );

  if (documents.isPending) return <p className="text-sm text-slate-500">Loading documents…</p>;
  if (documents.error) {
    return (
      <p className="text-sm text-red-600" role="alert" data-testid="documents-error">
        {describeError(documents.error)}
      </p>
    );
  }
  const list = documents.data;
  return (
    <section className="flex flex-col gap-2" data-testid="documents">
      <div className="flex items-center justify-between text-sm">
        <h2 className="font-medium">Documents</h2>
        <span className="text-xs text-slate-500" data-testid="documents-summary" data-stream-live={streamLive}>
          {documentsSummary(list)}
        </span>
      </div>
      {list.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500" data-testid="documents-empty">
          No documents yet. Upload files or paste text above; they are parsed, chunked and embedded in the background.
        </div>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <table className="w-full table-fixed text-sm" data-testid="documents-table">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th className="py-2 pr-3 pl-4 font-medium">Name</th>
                <th className="w-56 py-2 pr-3 font-medium">Status</th>
                <th className="w-28 py-2 pr-3 text-right font-medium">Chunks</th>
                <th className="w-28 py-2 pr-3 text-right font-medium">Tokens</th>
                <th className="w-44 py-2 pr-3 font-medium">Added</th>
                <th className="w-40 py-2 pr-4" aria-label="Actions" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.map((document) => (
                <DocumentRow
                  key={document.id}
                  document={document}
                  canEdit={canEdit}
                  retrying={retry.isPending && retry.variables?.documentId === document.id}
                  onRetry={(target) => retry.mutate({ knowledgeBaseId, documentId: target.id })}
                  onDelete={setDeleting}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete document"
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.error ? describeError(remove.error) : undefined}
        onConfirm={() => deleting && remove.mutate({ knowledgeBaseId, documentId: deleting.id })}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        data-testid="delete-document-dialog"
      >
        Delete <strong>{deleting?.name}</strong> and its chunks from the index? Retrieval stops finding it right away.
      </ConfirmDialog>
    </section>
  );
}
