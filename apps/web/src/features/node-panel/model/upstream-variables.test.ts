import { describe, expect, it } from 'vitest';
import { ancestorsOf, declaredOutputs, upstreamVariables, type GraphShape } from './upstream-variables';

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, data: { title: id.toUpperCase(), config } });

const graph: GraphShape = {
  nodes: [
    node('start', 'start', { variables: [{ variable: 'topic', type: 'text-input' }] }),
    node('kr', 'knowledge-retrieval'),
    node('llm', 'llm'),
    node('side', 'template-transform'),
    node('answer', 'answer'),
  ],
  edges: [
    { source: 'start', target: 'kr' },
    { source: 'kr', target: 'llm' },
    { source: 'llm', target: 'answer' },
    { source: 'start', target: 'side' },
  ],
};

describe('upstreamVariables', () => {
  it('walks incoming edges only, nearest first', () => {
    expect(ancestorsOf(graph, 'answer')).toEqual(['llm', 'kr', 'start']);
    expect(ancestorsOf(graph, 'side')).toEqual(['start']);
    expect(ancestorsOf(graph, 'start')).toEqual([]);
  });

  it("lists system variables and upstream nodes' declared outputs, never downstream or sibling nodes", () => {
    const selectors = upstreamVariables(graph, 'answer', 'chatflow').map((variable) => variable.selector.join('.'));
    expect(selectors).toEqual(['sys.query', 'sys.conversation_id', 'sys.user_id', 'sys.files', 'llm.text', 'llm.usage', 'llm.finish_reason', 'kr.result', 'start.topic']);
    const forKr = upstreamVariables(graph, 'kr', 'workflow').map((variable) => variable.selector.join('.'));
    expect(forKr).not.toContain('llm.text');
    expect(forKr).not.toContain('side.output');
    expect(forKr).toContain('start.topic');
    expect(forKr).not.toContain('sys.query');
  });

  it("reads a half-edited start node's variables and skips unnamed ones", () => {
    expect(declaredOutputs('start', { variables: [{ variable: 'a', type: 'number' }, { variable: 'a', type: 'text-input' }, { variable: '', type: 'paragraph' }] })).toEqual([
      { name: 'a', type: 'number' },
      { name: 'a', type: 'string' },
    ]);
    expect(declaredOutputs('start', { variables: 'broken' })).toEqual([]);
    expect(declaredOutputs('unknown', {})).toEqual([]);
  });
});
