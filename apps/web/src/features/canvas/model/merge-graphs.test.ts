import { describe, expect, it } from 'vitest';
import type { Workflow } from '@weft/workflow-engine/spec';
import { mergeGraphs } from './merge-graphs';

const node = (id: string, title = id, data: Record<string, unknown> = {}) => ({ id, type: 'template-transform', title, data, position: { x: 0, y: 0 } });
const edge = (source: string, target: string) => ({ id: `${source}->${target}`, source, sourceHandle: 'source', target });
const base: Workflow = { nodes: [node('start'), node('a'), node('b')], edges: [edge('start', 'a'), edge('a', 'b')] };

describe('mergeGraphs', () => {
  it('treats nodes as unchanged whatever their key order (drafts come back from JSONB with keys reordered)', () => {
    const reordered = (id: string) => ({ id, data: {}, type: 'template-transform', title: id, position: { y: 0, x: 0 } });
    const stored: Workflow = { nodes: [reordered('start'), reordered('a'), reordered('b')], edges: base.edges };
    const theirs: Workflow = { nodes: [reordered('start'), { ...reordered('a'), title: 'A renamed' }, reordered('b')], edges: base.edges };
    const mine: Workflow = { nodes: [node('start', 'Start renamed'), node('a'), node('b')], edges: base.edges };
    const { graph, conflicts } = mergeGraphs(stored, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(graph.nodes.map((entry) => entry.title)).toEqual(['Start renamed', 'A renamed', 'b']);
  });

  it('keeps edits each side made to different nodes, and additions from both sides', () => {
    const theirs: Workflow = { nodes: [node('start'), node('a', 'A renamed'), node('b'), node('t')], edges: [...base.edges, edge('b', 't')] };
    const mine: Workflow = { nodes: [node('start'), node('a'), node('b', 'b', { template: 'x' }), node('m')], edges: [...base.edges, edge('a', 'm')] };
    const { graph, conflicts } = mergeGraphs(base, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(graph.nodes.map((entry) => [entry.id, entry.title, entry.data])).toEqual([
      ['start', 'start', {}],
      ['a', 'A renamed', {}],
      ['b', 'b', { template: 'x' }],
      ['m', 'm', {}],
      ['t', 't', {}],
    ]);
    expect(graph.edges.map((entry) => entry.id).sort()).toEqual(['a->b', 'a->m', 'b->t', 'start->a']);
  });

  it('applies deletions made on one side, with their edges', () => {
    const theirs: Workflow = { nodes: [node('start'), node('a')], edges: [edge('start', 'a')] };
    const { graph, conflicts } = mergeGraphs(base, theirs, base);
    expect(conflicts).toEqual([]);
    expect(graph.nodes.map((entry) => entry.id)).toEqual(['start', 'a']);
    expect(graph.edges.map((entry) => entry.id)).toEqual(['start->a']);
  });

  it('reports a node both sides changed (mine kept), and keeps an edit over a deletion', () => {
    const theirs: Workflow = { nodes: [node('start'), node('a', 'theirs'), node('b', 'edited')], edges: base.edges };
    const mine: Workflow = { nodes: [node('start'), node('a', 'mine')], edges: [edge('start', 'a')] };
    const { graph, conflicts } = mergeGraphs(base, theirs, mine);
    expect(conflicts).toEqual([
      { nodeId: 'a', kept: 'mine' },
      { nodeId: 'b', kept: 'theirs' },
    ]);
    expect(graph.nodes.map((entry) => [entry.id, entry.title])).toEqual([
      ['start', 'start'],
      ['a', 'mine'],
      ['b', 'edited'],
    ]);
    // Mine removed a->b; theirs kept it unchanged, so the removal stands.
    expect(graph.edges.map((entry) => entry.id)).toEqual(['start->a']);
  });
});
