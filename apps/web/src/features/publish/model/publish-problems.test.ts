import { describe, expect, it } from 'vitest';
import { readPublishProblems } from './publish-problems';

describe('readPublishProblems', () => {
  it('reads the problems of a compile_failed error and ignores other errors', () => {
    const problem = { code: 'unknown_variable_node', nodeId: 'llm', path: ['promptTemplate', 1, 'text'], message: 'no node "ghost"' };
    expect(readPublishProblems({ data: { domainCode: 'compile_failed', details: { problems: [problem] } } })).toEqual([problem]);
    expect(readPublishProblems({ data: { domainCode: 'forbidden', details: undefined } })).toBeUndefined();
    expect(readPublishProblems(new Error('network'))).toBeUndefined();
  });
});
