import { describe, expect, it } from 'vitest';
import { closestFieldPath, configIssues } from './config-issues';

describe('configIssues', () => {
  it("reports the type schema's and the settings schema's issues by path", () => {
    const issues = configIssues('llm', { model: { id: 'no-provider' }, promptTemplate: [{ role: 'user', text: 'hi' }], retry: { maxRetries: 99 } });
    expect(issues.get('model.id')).toMatch(/provider:model/);
    expect(issues.get('retry.maxRetries')).toBeDefined();
    expect(configIssues('answer', { answer: 'ok' }).size).toBe(0);
  });

  it('puts compile problems first on their path', () => {
    const issues = configIssues('answer', { answer: '{{#ghost.text#}}' }, [{ code: 'unknown_variable_node', nodeId: 'answer', path: ['answer'], message: 'there is no node "ghost"' }]);
    expect([...issues]).toEqual([['answer', 'there is no node "ghost"']]);
  });

  it('focuses the field whose path is the longest prefix of the problem path', () => {
    const fields = ['cases.0', 'cases.0.conditions.1.variableSelector', 'cases.1', 'answer'];
    expect(closestFieldPath(fields, ['cases', 0, 'conditions', 1, 'variableSelector'])).toBe('cases.0.conditions.1.variableSelector');
    expect(closestFieldPath(fields, ['cases', 0, 'conditions', 2, 'value'])).toBe('cases.0');
    expect(closestFieldPath(fields, ['model', 'id'])).toBeUndefined();
  });
});
