import { describe, expect, it } from 'vitest';
import { endConfigSchema } from '../end';
import { startConfigSchema } from '../start';
import { templateTransformConfigSchema } from '../template-transform';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

describe('named variables of a node', () => {
  it('rejects a name used twice, at the second use, saying what to rename', () => {
    const end = endConfigSchema.safeParse({
      outputs: [
        { variable: 'answer', valueSelector: ['llm', 'text'] },
        { variable: 'answer', valueSelector: ['start', 'query'] },
      ],
    });
    expect(issues(end)).toEqual([{ path: 'outputs.1.variable', message: 'Duplicate output "answer": give each a unique name' }]);

    const template = templateTransformConfigSchema.safeParse({
      template: '{{ a }}',
      variables: [
        { variable: 'a', valueSelector: ['start', 'x'] },
        { variable: 'b', valueSelector: ['start', 'y'] },
        { variable: 'a', valueSelector: ['start', 'z'] },
      ],
    });
    expect(issues(template)).toEqual([{ path: 'variables.2.variable', message: 'Duplicate template variable "a": give each a unique name' }]);

    const start = startConfigSchema.safeParse({ variables: [{ variable: 'city', type: 'text-input' }, { variable: 'city', type: 'number' }] });
    expect(issues(start)).toEqual([{ path: 'variables.1.variable', message: 'Duplicate input variable "city": give each a unique name' }]);
  });

  it('accepts distinct identifiers and rejects names that are not identifiers', () => {
    expect(endConfigSchema.safeParse({ outputs: [{ variable: 'a', valueSelector: ['n', 'x'] }, { variable: 'b_2', valueSelector: ['n', 'y'] }] }).success).toBe(true);
    const bad = endConfigSchema.safeParse({ outputs: [{ variable: '2nd', valueSelector: ['n', 'x'] }] });
    expect(issues(bad)).toEqual([{ path: 'outputs.0.variable', message: 'use letters, digits and _, not starting with a digit' }]);
  });
});
