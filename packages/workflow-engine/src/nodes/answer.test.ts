import { describe, expect, it } from 'vitest';
import { answerNode } from './answer';
import { configIssuePaths, createTestNodeContext, runNode } from './test-support/node-context';

describe('answer node', () => {
  it('declares a string answer, streams, and references every template variable once', () => {
    const config = answerNode.config.parse({ answer: 'Hi {{#start.name#}}, {{#llm.text#}} (again {{#start.name#}})' });
    expect(answerNode.streams).toBe(true);
    expect(answerNode.outputs(config)).toEqual([{ name: 'answer', type: 'string' }]);
    expect(answerNode.references(config)).toEqual([
      ['start', 'name'],
      ['llm', 'text'],
    ]);
  });

  it('rejects a missing answer template', () => {
    expect(configIssuePaths(answerNode, {})).toEqual([['answer']]);
  });

  it('emits literal text and values in template order and returns the full text', async () => {
    const context = createTestNodeContext();
    const result = await runNode(
      answerNode,
      { answer: 'Hi {{#start.name#}}! Score: {{#code.score#}} {{#code.tags#}}{{#code.none#}}.' },
      { 'start.name': 'Ada', 'code.score': 9.5, 'code.tags': ['a', 'b'], 'code.none': null },
      context,
    );
    expect(context.chunks).toEqual(['Hi ', 'Ada', '! Score: ', '9.5', ' ', '["a","b"]', '.']);
    expect(result.outputs).toEqual({ answer: 'Hi Ada! Score: 9.5 ["a","b"].' });
  });

  it('emits nothing for an empty template or empty values', async () => {
    const context = createTestNodeContext();
    const result = await runNode(answerNode, { answer: '{{#llm.text#}}' }, { 'llm.text': '' }, context);
    expect(context.chunks).toEqual([]);
    expect(result.outputs).toEqual({ answer: '' });
  });

  it('leaves text that only looks like a reference alone', async () => {
    const context = createTestNodeContext();
    const result = await runNode(answerNode, { answer: 'use {{#context#}} or {{ name }}' }, {}, context);
    expect(result.outputs.answer).toBe('use {{#context#}} or {{ name }}');
    expect(context.chunks.join('')).toBe(result.outputs.answer);
  });
});
