export { RunsList, type RunsListProps } from './runs-list';
export { RunStatusBadge } from './run-status-badge';
export { emptyRunFilters, runFiltersProblem, runFiltersToInput, type RunFilters } from './run-filters';
