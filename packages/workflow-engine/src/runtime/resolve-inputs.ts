import type { PlanInput } from './plan';

/** The values a run resolves selectors against; node outputs are `undefined` until (or unless) the node finishes. */
export interface VariableScope {
  readonly outputs: readonly (Record<string, unknown> | undefined)[];
  readonly sys: Record<string, unknown>;
  readonly env: Record<string, unknown>;
  readonly conversation: Record<string, unknown>;
}

/** Walks object keys and (decimal) array indexes; anything missing resolves to `undefined`. */
function walk(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) current = /^\d+$/.test(part) ? current[Number(part)] : undefined;
    else current = Object.hasOwn(current, part) ? (current as Record<string, unknown>)[part] : undefined;
  }
  return current;
}

export function resolveInput(input: PlanInput, scope: VariableScope): unknown {
  switch (input.source) {
    case 'node':
      return walk(scope.outputs[input.node], input.path);
    case 'sys':
      return walk(scope.sys, input.path);
    case 'env':
      return walk(scope.env, input.path);
    case 'conversation':
      return walk(scope.conversation, input.path);
  }
}

/** The `inputs` a node's `run` receives: every planned selector, keyed by its selector key. */
export function resolveInputs(inputs: readonly PlanInput[], scope: VariableScope): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const input of inputs) resolved[input.key] = resolveInput(input, scope);
  return resolved;
}
