import { selectorKey, type VariableSelector } from '../../spec/variables';

/** Selectors in first-seen order with duplicates dropped, so each input is resolved (and cache-keyed) once. */
export function uniqueSelectors(selectors: Iterable<VariableSelector>): VariableSelector[] {
  const byKey = new Map<string, VariableSelector>();
  for (const selector of selectors) {
    const key = selectorKey(selector);
    if (!byKey.has(key)) byKey.set(key, selector);
  }
  return [...byKey.values()];
}
