import { describe, expect, it } from 'vitest';
import { emptyRunFilters, runFiltersProblem, runFiltersToInput } from './run-filters';

describe('runFiltersToInput', () => {
  it('sends nothing for "any"', () => {
    expect(runFiltersToInput(emptyRunFilters)).toEqual({});
  });

  it('turns local days into an inclusive range with an exclusive end', () => {
    const input = runFiltersToInput({ status: 'failed', source: 'api', fromDay: '2026-03-01', toDay: '2026-03-01' });
    expect(input.status).toBe('failed');
    expect(input.source).toBe('api');
    expect(new Date(input.from!).getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(input.to!).getTime()).toBe(new Date(2026, 2, 2).getTime());
  });

  it('rolls over month ends and ignores malformed days', () => {
    const input = runFiltersToInput({ ...emptyRunFilters, toDay: '2026-01-31', fromDay: 'yesterday' });
    expect(new Date(input.to!).getTime()).toBe(new Date(2026, 1, 1).getTime());
    expect(input.from).toBeUndefined();
  });
});

describe('runFiltersProblem', () => {
  it('flags a range that ends before it starts, accepts a single day', () => {
    expect(runFiltersProblem({ ...emptyRunFilters, fromDay: '2026-03-02', toDay: '2026-03-01' })).toMatch(/before/);
    expect(runFiltersProblem({ ...emptyRunFilters, fromDay: '2026-03-01', toDay: '2026-03-01' })).toBeUndefined();
  });
});
