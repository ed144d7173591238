import type { ReactNode } from 'react';
import { describeError } from '../lib/describe-error';

export interface QueryStatesProps<T> {
  /** A TanStack query result (or anything with the same three fields). */
  query: { isPending: boolean; error: unknown; data: T | undefined };
  /** Shown while the first answer is on its way, e.g. "Loading apps…". */
  loading?: string;
  /** When the answer counts as empty; with `empty`, that is shown instead of `children`. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** Test id of the error line, when tests look for it. */
  errorTestId?: string;
  children: (data: T) => ReactNode;
}

/** The loading line, the error line, the empty state or the content: the four states of a list fed by one query. */
export function QueryStates<T>({ query, loading = 'Loading…', isEmpty, empty, errorTestId, children }: QueryStatesProps<T>) {
  if (query.isPending) return <p className="text-sm text-slate-500">{loading}</p>;
  if (query.error) {
    return (
      <p className="text-sm text-red-600" {...(errorTestId ? { role: 'alert', 'data-testid': errorTestId } : {})}>
        {describeError(query.error)}
      </p>
    );
  }
  if (query.data === undefined) return null;
  if (empty !== undefined && isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}

export interface EmptyStateProps {
  'data-testid': string;
  children: ReactNode;
}

/** The dashed box a list shows when it has nothing yet, saying how to add the first item. */
export function EmptyState({ 'data-testid': testId, children }: EmptyStateProps) {
  return (
    <div data-testid={testId} className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
      {children}
    </div>
  );
}
