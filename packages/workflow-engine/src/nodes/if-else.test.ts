import { describe, expect, it } from 'vitest';
import { ifElseNode } from './if-else';
import { configIssuePaths, runNode } from './test-support/node-context';

const data = {
  cases: [
    {
      caseId: 'vip',
      logicalOperator: 'and',
      conditions: [
        { variableSelector: ['start', 'tier'], comparisonOperator: 'is', value: 'gold' },
        { variableSelector: ['start', 'spend'], comparisonOperator: '>=', value: '{{#settings.threshold#}}' },
      ],
    },
    {
      caseId: 'question',
      logicalOperator: 'or',
      conditions: [
        { variableSelector: ['start', 'text'], comparisonOperator: 'end with', value: '?' },
        { variableSelector: ['start', 'tags'], comparisonOperator: 'contains', value: 'question' },
      ],
    },
  ],
};

describe('if-else node config', () => {
  it('declares a handle per case plus the else handle, and its outputs', () => {
    const config = ifElseNode.config.parse(data);
    expect(ifElseNode.handles?.(config)).toEqual(['vip', 'question', 'false']);
    expect(ifElseNode.outputs(config)).toEqual([
      { name: 'result', type: 'boolean' },
      { name: 'selected_case_id', type: 'string' },
    ]);
    expect(config.cases[0]?.conditions[1]?.comparisonOperator).toBe('≥');
  });

  it('references each condition variable and every selector inside condition values, once', () => {
    const config = ifElseNode.config.parse({
      cases: [
        ...data.cases,
        { caseId: 'listed', conditions: [{ variableSelector: ['start', 'tier'], comparisonOperator: 'in', value: ['{{#settings.allowed#}}', 'gold'] }] },
      ],
    });
    expect(ifElseNode.references(config)).toEqual([
      ['start', 'tier'],
      ['start', 'spend'],
      ['settings', 'threshold'],
      ['start', 'text'],
      ['start', 'tags'],
      ['settings', 'allowed'],
    ]);
  });

  it('reports bad configs at the right path', () => {
    const condition = { variableSelector: ['start', 'x'], comparisonOperator: 'is', value: 'a' };
    expect(configIssuePaths(ifElseNode, { cases: [] })).toEqual([['cases']]);
    expect(configIssuePaths(ifElseNode, { cases: [{ caseId: 'a', conditions: [] }] })).toEqual([['cases', 0, 'conditions']]);
    expect(configIssuePaths(ifElseNode, { cases: [{ caseId: 'a', conditions: [{ ...condition, comparisonOperator: 'equals' }] }] })).toEqual([
      ['cases', 0, 'conditions', 0, 'comparisonOperator'],
    ]);
    expect(configIssuePaths(ifElseNode, { cases: [{ caseId: 'a', conditions: [condition, { ...condition, value: undefined }] }] })).toEqual([
      ['cases', 0, 'conditions', 1, 'value'],
    ]);
    expect(
      configIssuePaths(ifElseNode, {
        cases: [
          { caseId: 'a', conditions: [condition] },
          { caseId: 'a', conditions: [condition] },
          { caseId: 'false', conditions: [condition] },
        ],
      }),
    ).toEqual([
      ['cases', 1, 'caseId'],
      ['cases', 2, 'caseId'],
    ]);
    expect(configIssuePaths(ifElseNode, { cases: [{ caseId: 'a', conditions: [{ variableSelector: ['x', 'y'], comparisonOperator: 'empty' }] }] })).toEqual([]);
  });
});

describe('if-else node run', () => {
  it('takes the first matching case, resolving references inside values', async () => {
    const inputs = { 'start.tier': 'gold', 'start.spend': 120, 'settings.threshold': '100', 'start.text': 'Why?' };
    const result = await runNode(ifElseNode, data, inputs);
    expect(result.handle).toBe('vip');
    expect(result.outputs).toEqual({ result: true, selected_case_id: 'vip' });
  });

  it('requires all conditions for "and" and any for "or"', async () => {
    const belowThreshold = { 'start.tier': 'gold', 'start.spend': 80, 'settings.threshold': 100, 'start.tags': ['question'] };
    expect((await runNode(ifElseNode, data, belowThreshold)).handle).toBe('question');
  });

  it('takes the else handle when nothing matches, including for skipped inputs', async () => {
    const result = await runNode(ifElseNode, data, { 'start.tier': 'silver', 'start.text': 'Fine.' });
    expect(result.handle).toBe('false');
    expect(result.outputs).toEqual({ result: false, selected_case_id: 'false' });
    expect((await runNode(ifElseNode, data, {})).handle).toBe('false');
  });

  it('fails a numeric condition whose referenced bound is missing', async () => {
    const result = await runNode(ifElseNode, data, { 'start.tier': 'gold', 'start.spend': 1e9 });
    expect(result.handle).toBe('false');
  });
});
