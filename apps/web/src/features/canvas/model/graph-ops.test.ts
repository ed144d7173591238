import { describe, expect, it } from 'vitest';
import { connect, connectionProblem, createNode, duplicateNodes, nextNodeId, pruneDanglingHandles, removeElements } from './graph-ops';
import { toFlowGraph, toWorkflow } from './graph-convert';
import type { FlowGraph } from './flow-types';

const graph: FlowGraph = toFlowGraph({
  nodes: [
    { id: 'start', type: 'start', title: 'Start', data: { variables: [] }, position: { x: 0, y: 0 } },
    { id: 'llm', type: 'llm', title: 'LLM', data: {}, position: { x: 200, y: 0 } },
    { id: 'answer', type: 'answer', title: 'Answer', data: { answer: '{{#llm.text#}}' }, position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'source', target: 'llm' },
    { source: 'llm', sourceHandle: 'source', target: 'answer' },
  ],
});

describe('graph operations', () => {
  it('round-trips the engine graph through the canvas form (edge ids filled in)', () => {
    const workflow = toWorkflow(graph);
    expect(workflow.nodes.map((node) => [node.id, node.type, node.title])).toEqual([
      ['start', 'start', 'Start'],
      ['llm', 'llm', 'LLM'],
      ['answer', 'answer', 'Answer'],
    ]);
    expect(workflow.edges).toEqual([
      { id: 'e1', source: 'start', sourceHandle: 'source', target: 'llm' },
      { id: 'llm:source->answer', source: 'llm', sourceHandle: 'source', target: 'answer' },
    ]);
  });

  it('names new nodes after their type and refuses a second start', () => {
    expect(nextNodeId('llm', new Set(['llm', 'llm-2']))).toBe('llm-3');
    const added = createNode(graph, 'llm', { x: 1, y: 2 }, 'chatflow');
    expect(added?.id).toBe('llm-2');
    expect(added?.data.title).toBe('LLM 2');
    expect(added?.data.config).toMatchObject({ promptTemplate: [{ role: 'system' }, { role: 'user', text: '{{#sys.query#}}' }] });
    expect(createNode(graph, 'start', { x: 0, y: 0 }, 'chatflow')).toBeUndefined();
    expect(createNode(graph, 'no-such-type', { x: 0, y: 0 }, 'chatflow')).toBeUndefined();
  });

  it('duplicates nodes with the edges between them, leaving the start node alone', () => {
    const copied = duplicateNodes(graph, ['start', 'llm', 'answer']);
    expect(copied.nodes.map((node) => node.id)).toEqual(['start', 'llm', 'answer', 'llm-2', 'answer-2']);
    expect(copied.edges.map((edge) => `${edge.source}->${edge.target}`)).toEqual(['start->llm', 'llm->answer', 'llm-2->answer-2']);
    expect(copied.nodes.find((node) => node.id === 'answer-2')?.data.config).toEqual({ answer: '{{#llm.text#}}' });
  });

  it('removes nodes with their edges', () => {
    const removed = removeElements(graph, ['llm']);
    expect(removed.nodes.map((node) => node.id)).toEqual(['start', 'answer']);
    expect(removed.edges).toEqual([]);
  });

  it('refuses self loops, edges into start, duplicates and cycles', () => {
    expect(connectionProblem(graph, { source: 'llm', sourceHandle: 'source', target: 'llm' })).toMatch(/itself/);
    expect(connectionProblem(graph, { source: 'answer', sourceHandle: 'source', target: 'start' })).toMatch(/start/);
    expect(connectionProblem(graph, { source: 'start', sourceHandle: 'source', target: 'llm' })).toMatch(/already/);
    expect(connectionProblem(graph, { source: 'answer', sourceHandle: 'source', target: 'llm' })).toMatch(/cycle/);
    const connected = connect(graph, { source: 'start', sourceHandle: null, target: 'answer' });
    expect(connected.edges.at(-1)).toMatchObject({ source: 'start', sourceHandle: 'source', target: 'answer' });
    expect(connect(graph, { source: 'answer', sourceHandle: 'source', target: 'llm' })).toBe(graph);
  });

  it('drops edges from handles a node no longer has', () => {
    const withFailBranch: FlowGraph = {
      nodes: graph.nodes.map((node) => (node.id === 'llm' ? { ...node, data: { ...node.data, config: { errorStrategy: 'none' } } } : node)),
      edges: [...graph.edges, { id: 'f', source: 'llm', sourceHandle: 'fail-branch', target: 'answer' }],
    };
    expect(pruneDanglingHandles(withFailBranch, 'llm').edges.map((edge) => edge.id)).toEqual(['e1', 'llm:source->answer']);
  });
});
