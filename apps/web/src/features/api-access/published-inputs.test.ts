import { describe, expect, it } from 'vitest';
import { startVariablesOf } from './published-inputs';

describe('startVariablesOf', () => {
  it('reads the start node through its config schema', () => {
    const graph = {
      nodes: [
        { type: 'answer', data: { answer: 'x' } },
        { type: 'start', data: { variables: [{ variable: 'topic', type: 'text-input' }] } },
      ],
    };
    expect(startVariablesOf(graph)).toEqual([{ variable: 'topic', type: 'text-input', required: false }]);
  });
  it('gives no variables for a graph without a (valid) start node', () => {
    expect(startVariablesOf({ nodes: [{ type: 'start', data: { variables: [{ variable: '1bad', type: 'text-input' }] } }] })).toEqual([]);
    expect(startVariablesOf(undefined)).toEqual([]);
  });
});
