'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error';
import { formatDateTime, formatDuration } from '../../lib/format';
import { routes } from '../../lib/routes';
import { useTRPC } from '../../lib/trpc';
import { Button, Input, Select } from '../../ui';
import { PageHeader } from '../shell';
import { emptyRunFilters, runFiltersProblem, runFiltersToInput, runSources, runStatuses, type RunFilters } from './run-filters';
import { runErrorText } from './run-error-text';
import { RunStatusBadge } from './run-status-badge';

const pageSize = 25;

export interface RunsListProps {
  appId: string;
  /** Where a run opens; defaults to its trace on the editor canvas. */
  runHref?: (runId: string) => string;
}

/** Runs of one app, newest first, filtered by status, source and date; each opens its trace. */
export function RunsList({ appId, runHref = (runId) => routes.appRun(appId, runId) }: RunsListProps) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<RunFilters>(emptyRunFilters);
  const problem = runFiltersProblem(filters);
  const app = useQuery(trpc.apps.get.queryOptions({ appId }));
  const runs = useInfiniteQuery(
    trpc.runs.list.infiniteQueryOptions(
      { appId, limit: pageSize, ...runFiltersToInput(filters) },
      { enabled: problem === undefined, getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const set = (key: keyof RunFilters) => (event: { target: { value: string } }) => setFilters((current) => ({ ...current, [key]: event.target.value }));
  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div data-testid="runs-page">
      <PageHeader
        title={`Runs${app.data ? ` · ${app.data.name}` : ''}`}
        description={
          <Link className="text-brand-600 hover:underline" href={routes.app(appId)}>
            Open in editor
          </Link>
        }
      />
      <div className="mb-3 flex flex-wrap items-end gap-2 text-sm" data-testid="run-filters">
        <label className="flex flex-col gap-1 text-xs text-slate-500">
          Status
          <Select className="w-36" value={filters.status} onChange={set('status')} data-testid="run-filter-status">
            <option value="">any</option>
            {runStatuses.map((status) => (
              <option key={status}>{status}</option>
            ))}
          </Select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-slate-500">
          Source
          <Select className="w-36" value={filters.source} onChange={set('source')} data-testid="run-filter-source">
            <option value="">any</option>
            {runSources.map((source) => (
              <option key={source}>{source}</option>
            ))}
          </Select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-slate-500">
          From
          <Input type="date" className="w-40" value={filters.fromDay} onChange={set('fromDay')} data-testid="run-filter-from" />
        </label>
        <label className="flex flex-col gap-1 text-xs text-slate-500">
          To
          <Input type="date" className="w-40" value={filters.toDay} onChange={set('toDay')} data-testid="run-filter-to" />
        </label>
        <Button variant="ghost" size="sm" onClick={() => setFilters(emptyRunFilters)} data-testid="run-filter-clear">
          Clear
        </Button>
      </div>
      {problem ? (
        <p className="text-sm text-red-600">{problem}</p>
      ) : runs.isPending ? (
        <p className="text-sm text-slate-500">Loading runs…</p>
      ) : runs.error ? (
        <p className="text-sm text-red-600">{describeError(runs.error)}</p>
      ) : items.length === 0 ? (
        <p data-testid="runs-empty" className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
          No runs match. Runs appear here after a debug run in the editor or a call to the published API.
        </p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="runs-table">
          <thead className="bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium">Started</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Source</th>
              <th className="px-3 py-2 font-medium">Version</th>
              <th className="px-3 py-2 font-medium">Elapsed</th>
              <th className="px-3 py-2 font-medium">Tokens</th>
              <th className="px-3 py-2 font-medium">Error</th>
            </tr>
          </thead>
          <tbody>
            {items.map((run) => (
              <tr key={run.id} data-testid="run-row" data-run-id={run.id} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="px-3 py-2">
                  <Link href={runHref(run.id)} className="text-brand-600 hover:underline" data-testid="run-open">
                    {formatDateTime(run.createdAt)}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <RunStatusBadge status={run.status} />
                </td>
                <td className="px-3 py-2 text-slate-600" data-testid="run-source">
                  {run.source}
                </td>
                <td className="px-3 py-2 text-slate-600">{run.version ? `v${run.version.number}` : 'draft'}</td>
                <td className="px-3 py-2 text-slate-600">{formatDuration(run.elapsedMs)}</td>
                <td className="px-3 py-2 text-slate-600">{(run.inputTokens ?? 0) + (run.outputTokens ?? 0)}</td>
                <td className="max-w-64 truncate px-3 py-2 text-xs text-red-600" title={runErrorText(run.error)}>
                  {runErrorText(run.error)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {runs.hasNextPage && (
        <div className="mt-3 flex justify-center">
          <Button variant="secondary" busy={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()} data-testid="runs-more">
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}
