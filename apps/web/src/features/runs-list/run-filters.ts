import type { RouterInputs } from '../../lib/trpc';

type ListRunsInput = RouterInputs['runs']['list'];
export type RunStatusFilter = NonNullable<ListRunsInput['status']>;
export type RunSourceFilter = NonNullable<ListRunsInput['source']>;

export const runStatuses: readonly RunStatusFilter[] = ['running', 'succeeded', 'failed', 'cancelled'];
export const runSources: readonly RunSourceFilter[] = ['debugger', 'api', 'webapp'];

/** What the filter bar holds: `''` means "any"; dates are `YYYY-MM-DD` from <input type="date"> (local days). */
export interface RunFilters {
  status: RunStatusFilter | '';
  source: RunSourceFilter | '';
  fromDay: string;
  toDay: string;
}

export const emptyRunFilters: RunFilters = { status: '', source: '', fromDay: '', toDay: '' };

function localDayStart(day: string, addDays = 0): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
}

/**
 * The runs.list input for these filters (without appId/cursor). "To" includes that whole day, so the API's
 * exclusive `to` is the start of the next day.
 */
export function runFiltersToInput(filters: RunFilters): Omit<ListRunsInput, 'appId' | 'cursor'> {
  const from = localDayStart(filters.fromDay);
  const to = localDayStart(filters.toDay, 1);
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(from ? { from: from.toISOString() } : {}),
    ...(to ? { to: to.toISOString() } : {}),
  };
}

/** A sentence for filters the API would refuse, or undefined when they are fine. */
export function runFiltersProblem(filters: RunFilters): string | undefined {
  const from = localDayStart(filters.fromDay);
  const to = localDayStart(filters.toDay, 1);
  if (from && to && from >= to) return '"From" must be on or before "To".';
  return undefined;
}
