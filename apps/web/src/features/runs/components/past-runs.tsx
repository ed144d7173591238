'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../lib/trpc';
import { Badge } from '../../../ui';

/** The app's latest runs (all sources); opening one shows its trace on the canvas. */
export function PastRuns({ appId, onOpen }: { appId: string; onOpen(runId: string): void }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.runs.list.queryOptions({ appId, limit: 10 }));
  if (runs.isPending) return <p className="text-xs text-slate-400">Loading runs…</p>;
  if (runs.isError) return <p className="text-xs text-red-600">{runs.error.message}</p>;
  if (runs.data.items.length === 0) return <p className="text-xs text-slate-400">No runs yet.</p>;
  return (
    <ul className="flex flex-col gap-1" data-testid="past-runs">
      {runs.data.items.map((run) => (
        <li key={run.id}>
          <button type="button" onClick={() => onOpen(run.id)} className="flex w-full items-center justify-between gap-2 rounded px-2 py-1 text-left text-xs hover:bg-slate-100" data-testid={`past-run-${run.id}`}>
            <span className="font-mono text-slate-500">{new Date(run.createdAt).toLocaleTimeString()}</span>
            <span className="text-slate-400">{run.source}</span>
            <Badge tone={run.status === 'succeeded' ? 'success' : run.status === 'failed' ? 'danger' : 'neutral'}>{run.status}</Badge>
            <span className="text-slate-400">{run.elapsedMs} ms</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
