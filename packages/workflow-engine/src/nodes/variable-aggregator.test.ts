import { describe, expect, it } from 'vitest';
import { variableAggregatorNode } from './variable-aggregator';
import { configIssuePaths, runNode } from './test-support/node-context';

const data = { variables: [['branch_a', 'text'], ['branch_b', 'output'], ['start', 'fallback']] };

describe('variable-aggregator node', () => {
  it('declares output typed by outputType (any by default) and references the candidates', () => {
    const config = variableAggregatorNode.config.parse(data);
    expect(variableAggregatorNode.outputs(config)).toEqual([{ name: 'output', type: 'any' }]);
    expect(variableAggregatorNode.references(config)).toEqual(data.variables);
    const typed = variableAggregatorNode.config.parse({ ...data, outputType: 'string' });
    expect(variableAggregatorNode.outputs(typed)).toEqual([{ name: 'output', type: 'string' }]);
  });

  it('reports bad configs at their path', () => {
    expect(configIssuePaths(variableAggregatorNode, { variables: [] })).toEqual([['variables']]);
    expect(configIssuePaths(variableAggregatorNode, { variables: [['a']] })).toEqual([['variables', 0]]);
    expect(configIssuePaths(variableAggregatorNode, { ...data, outputType: 'text' })).toEqual([['outputType']]);
  });

  it('outputs the first present value in listed order', async () => {
    expect((await runNode(variableAggregatorNode, data, { 'branch_b.output': 'B', 'start.fallback': 'F' })).outputs).toEqual({ output: 'B' });
    expect((await runNode(variableAggregatorNode, data, { 'branch_a.text': 'A', 'branch_b.output': 'B' })).outputs).toEqual({ output: 'A' });
  });

  it('keeps falsy values but skips null and undefined', async () => {
    expect((await runNode(variableAggregatorNode, data, { 'branch_a.text': null, 'branch_b.output': '' })).outputs).toEqual({ output: '' });
    expect((await runNode(variableAggregatorNode, data, { 'branch_b.output': 0 })).outputs).toEqual({ output: 0 });
    expect((await runNode(variableAggregatorNode, data, { 'branch_a.text': undefined })).outputs).toEqual({ output: undefined });
  });
});
