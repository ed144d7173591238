import { Badge } from '../../../ui';
import type { RetrievalTestHit } from '../knowledge-types';
import { formatScore } from '../model/retrieval-test-form';

/** One passage found by a retrieval test: final score, how each search scored it, the document, the text. */
export function RetrievalHitCard({ hit, rank }: { hit: RetrievalTestHit; rank: number }) {
  const expanded = hit.matchedContent !== '' && hit.matchedContent !== hit.content;
  return (
    <li data-testid="retrieval-hit" data-document-id={hit.source.documentId} className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="mb-1.5 flex flex-wrap items-center gap-2 text-xs">
        <span className="font-mono text-slate-400">#{rank}</span>
        <Badge tone="info" data-testid="retrieval-hit-score">
          score {formatScore(hit.score)}
        </Badge>
        {hit.vectorScore !== undefined && <span className="text-slate-500">vector {formatScore(hit.vectorScore)}</span>}
        {hit.keywordScore !== undefined && <span className="text-slate-500">keyword {formatScore(hit.keywordScore)}</span>}
        <span className="ml-auto min-w-0 truncate text-slate-600" data-testid="retrieval-hit-document" title={hit.source.documentName}>
          {hit.source.documentName}
        </span>
      </div>
      {expanded && (
        <p className="mb-1.5 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="retrieval-hit-matched">
          <span className="font-medium">Matched:</span> {hit.matchedContent}
        </p>
      )}
      <p className="line-clamp-8 text-sm whitespace-pre-wrap break-words text-slate-800" data-testid="retrieval-hit-content">
        {hit.content}
      </p>
    </li>
  );
}
