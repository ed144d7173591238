import { selectorKey } from '../../spec/variables';

/** The resolved value of `selector` in a node's inputs (undefined when it was skipped or missing). */
export function readInput(inputs: Readonly<Record<string, unknown>>, selector: readonly string[]): unknown {
  return inputs[selectorKey(selector)];
}
