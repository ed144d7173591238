import { describe, expect, it } from 'vitest';
import { endNode } from './end';
import { configIssuePaths, runNode } from './test-support/node-context';

const data = {
  outputs: [
    { variable: 'summary', valueSelector: ['llm', 'text'] },
    { variable: 'score', valueSelector: ['code', 'result', 'score'] },
    { variable: 'again', valueSelector: ['llm', 'text'] },
  ],
};

describe('end node', () => {
  it('declares its named outputs and references each selector once', () => {
    const config = endNode.config.parse(data);
    expect(endNode.outputs(config)).toEqual([
      { name: 'summary', type: 'any' },
      { name: 'score', type: 'any' },
      { name: 'again', type: 'any' },
    ]);
    expect(endNode.references(config)).toEqual([
      ['llm', 'text'],
      ['code', 'result', 'score'],
    ]);
  });

  it('outputs each resolved input under its name, undefined when the source was skipped', async () => {
    const result = await runNode(endNode, data, { 'llm.text': 'hello', 'code.result.score': 0 });
    expect(result.outputs).toEqual({ summary: 'hello', score: 0, again: 'hello' });
    const skipped = await runNode(endNode, data, {});
    expect(skipped.outputs).toEqual({ summary: undefined, score: undefined, again: undefined });
  });

  it('reports bad outputs at their path', () => {
    expect(configIssuePaths(endNode, { outputs: [{ variable: 'x', valueSelector: ['llm'] }] })).toEqual([['outputs', 0, 'valueSelector']]);
    expect(configIssuePaths(endNode, { outputs: [{ variable: 'x y', valueSelector: ['a', 'b'] }] })).toEqual([['outputs', 0, 'variable']]);
    expect(
      configIssuePaths(endNode, {
        outputs: [
          { variable: 'x', valueSelector: ['a', 'b'] },
          { variable: 'x', valueSelector: ['a', 'c'] },
        ],
      }),
    ).toEqual([['outputs', 1, 'variable']]);
  });
});
