import { describe, expect, it } from 'vitest';
import type { Workflow } from '@weft/workflow-engine/spec';
import { diffWorkflows } from './versions-diff';

const base: Workflow = {
  nodes: [
    { id: 'start', type: 'start', title: 'Start', data: { variables: [] }, position: { x: 0, y: 0 } },
    { id: 'tpl', type: 'template-transform', title: 'Format', data: { template: 'a', variables: [{ variable: 'x', valueSelector: ['start', 'x'] }] } },
    { id: 'end', type: 'end', title: 'End', data: { outputs: [] } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'source', target: 'tpl' },
    { id: 'e2', source: 'tpl', sourceHandle: 'source', target: 'end' },
  ],
};

describe('diffWorkflows', () => {
  it('finds nothing between a graph and itself, even with keys reordered, nodes moved and edges renamed', () => {
    const same: Workflow = {
      nodes: base.nodes.map((node) => ({ ...node, position: { x: 99, y: 99 }, data: Object.fromEntries(Object.entries(node.data).reverse()) })),
      edges: base.edges.map((edge, index) => ({ ...edge, id: `renamed-${index}` })),
    };
    expect(diffWorkflows(base, same)).toEqual({ nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [] } });
  });

  it('reports added, removed and changed nodes (with the fields that changed) and edges by endpoints', () => {
    const after: Workflow = {
      nodes: [
        base.nodes[0]!,
        { ...base.nodes[1]!, title: 'Format nicely', data: { ...base.nodes[1]!.data, template: 'b' } },
        { id: 'answer', type: 'answer', title: 'Answer', data: { answer: 'hi' } },
      ],
      edges: [base.edges[0]!, { source: 'tpl', sourceHandle: 'source', target: 'answer' }],
    };
    expect(diffWorkflows(base, after)).toEqual({
      nodes: {
        added: [{ id: 'answer', type: 'answer', title: 'Answer' }],
        removed: [{ id: 'end', type: 'end', title: 'End' }],
        changed: [{ id: 'tpl', type: 'template-transform', title: 'Format nicely', fields: ['title', 'data.template'] }],
      },
      edges: {
        added: [{ source: 'tpl', sourceHandle: 'source', target: 'answer' }],
        removed: [{ source: 'tpl', sourceHandle: 'source', target: 'end' }],
      },
    });
  });

  it('sees a change deep inside a config value and a changed branch handle', () => {
    const after: Workflow = {
      nodes: base.nodes.map((node) => (node.id === 'tpl' ? { ...node, data: { ...node.data, variables: [{ variable: 'x', valueSelector: ['start', 'y'] }] } } : node)),
      edges: [base.edges[0]!, { ...base.edges[1]!, sourceHandle: 'fail-branch' }],
    };
    const diff = diffWorkflows(base, after);
    expect(diff.nodes.changed).toEqual([expect.objectContaining({ id: 'tpl', fields: ['data.variables'] })]);
    expect(diff.edges.added).toEqual([{ source: 'tpl', sourceHandle: 'fail-branch', target: 'end' }]);
    expect(diff.edges.removed).toEqual([{ source: 'tpl', sourceHandle: 'source', target: 'end' }]);
  });
});
