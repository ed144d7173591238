'use client';
import type { ChunkSettingsInput } from '@weft/knowledge/spec';
import { useMutation } from '@tanstack/react-query';
import { describeError } from '../../../lib/describe-error';
import { Badge, Button } from '../../../ui';
import { useTRPCClient } from '../../../lib/trpc';
import type { ChunkPreviewAnswer } from '../knowledge-types';
import { describeChunkSettings } from '../model/chunk-settings-form';

interface ChunkPreviewProps {
  knowledgeBaseId: string;
  chunkSettings: ChunkSettingsInput | undefined;
  /** What to preview, read when the button is pressed; undefined disables the button. */
  source: { label: string; read(): Promise<string> } | undefined;
}

function summaryOf(data: ChunkPreviewAnswer): string {
  const shown = data.chunks.filter((chunk) => chunk.role !== 'child').length;
  const total = data.total;
  const parts = [`${total} ${total === 1 ? 'chunk' : 'chunks'}`];
  parts.push(`${data.embeddedTokens} tokens to embed`);
  if (total > shown) parts.push(`showing the first ${shown}`);
  return parts.join(' · ');
}

/** Chunks a text with the knowledge base's settings on the server, before anything is indexed. */
export function ChunkPreview({ knowledgeBaseId, chunkSettings, source }: ChunkPreviewProps) {
  const client = useTRPCClient();
  const preview = useMutation({
    mutationFn: async (): Promise<ChunkPreviewAnswer> => {
      if (!source) return { chunks: [], total: 0, embeddedTotal: 0, embeddedTokens: 0 };
      return client.knowledge.previewChunks.mutate({ knowledgeBaseId, text: await source.read(), chunkSettings: chunkSettings ?? { mode: 'general' } });
    },
  });
  const data = preview.data;
  return (
    <section className="flex min-h-0 flex-col gap-2 rounded-lg border border-slate-200 bg-slate-50/60 p-3" data-testid="chunk-preview">
      <div className="flex items-center justify-between gap-2">
        <div className="min-w-0">
          <h3 className="text-sm font-medium">Chunk preview</h3>
          <p className="truncate text-xs text-slate-500">{describeChunkSettings(chunkSettings)}</p>
        </div>
        <Button size="sm" variant="secondary" disabled={!source} busy={preview.isPending} onClick={() => preview.mutate()} data-testid="chunk-preview-run">
          {source ? `Preview ${source.label}` : 'Preview'}
        </Button>
      </div>
      {preview.error ? (
        <p className="text-xs text-red-600" role="alert" data-testid="chunk-preview-error">
          {describeError(preview.error)}
        </p>
      ) : data ? (
        <>
          <p className="text-xs text-slate-500" data-testid="chunk-preview-summary">
            {summaryOf(data)}
          </p>
          <ol className="flex max-h-96 flex-col gap-2 overflow-auto pr-1" data-testid="chunk-preview-list">
            {data.chunks.map((chunk) => (
              <li
                key={chunk.position}
                data-testid="chunk-preview-item"
                data-role={chunk.role}
                className={`rounded-md border bg-white p-2 text-xs ${chunk.role === 'child' ? 'ml-4 border-dashed border-slate-300' : 'border-slate-200'}`}
              >
                <div className="mb-1 flex items-center gap-1.5 text-[11px] text-slate-500">
                  <span className="font-mono">#{chunk.position + 1}</span>
                  {chunk.role !== 'general' && <Badge tone={chunk.role === 'parent' ? 'info' : 'neutral'}>{chunk.role}</Badge>}
                  <span className="ml-auto">{chunk.tokens} tokens</span>
                </div>
                <p className="line-clamp-6 whitespace-pre-wrap break-words text-slate-700">{chunk.content}</p>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="text-xs text-slate-500">See how a document will be cut before it is indexed. Pick a text file or paste text, then preview.</p>
      )}
    </section>
  );
}
