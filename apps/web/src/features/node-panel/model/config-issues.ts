import { nodeSettingsSchema, type CompileProblem } from '@weft/workflow-engine/spec';
import { definitionOf } from '../../../node-ui';

const pathText = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * Problems by field path for one node: its compile problems from the last save first (they are what publish will
 * refuse), then what its type's zod schema and the common settings schema say about the data right now.
 */
export function configIssues(type: string | undefined, config: Record<string, unknown>, problems: readonly CompileProblem[] = []): Map<string, string> {
  const issues = new Map<string, string>();
  for (const problem of problems) {
    const key = pathText(problem.path);
    if (!issues.has(key)) issues.set(key, problem.message);
  }
  const definition = type === undefined ? undefined : definitionOf(type);
  const checks = [definition?.config.safeParse(config), nodeSettingsSchema.safeParse(config)];
  for (const check of checks) {
    if (!check || check.success) continue;
    for (const issue of check.error.issues) {
      const key = pathText(issue.path);
      if (!issues.has(key)) issues.set(key, issue.message);
    }
  }
  return issues;
}

/** The element to focus for a problem path: the field whose path is the longest prefix of it. */
export function closestFieldPath(fieldPaths: readonly string[], problemPath: readonly (string | number)[]): string | undefined {
  const target = problemPath.map(String);
  let best: string | undefined;
  let bestLength = -1;
  for (const fieldPath of fieldPaths) {
    const parts = fieldPath === '' ? [] : fieldPath.split('.');
    const isPrefix = parts.length <= target.length && parts.every((part, index) => part === target[index]);
    if (isPrefix && parts.length > bestLength) {
      best = fieldPath;
      bestLength = parts.length;
    }
  }
  return best;
}
