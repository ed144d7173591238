import { describe, expect, it } from 'vitest';
import { compile } from '@weft/workflow-engine/runtime';
import { builtinNodes } from '@weft/workflow-engine/nodes';
import { createNodeRegistry } from '@weft/workflow-engine/spec';
import { createBenchGraph, draggedNodeId } from './bench-graph';

describe('createBenchGraph', () => {
  it('builds 200 nodes and 250 distinct edges that the engine compiles without a problem', () => {
    const graph = createBenchGraph({ nodes: 200, edges: 250 });
    expect(graph.nodes).toHaveLength(200);
    expect(graph.edges).toHaveLength(250);
    expect(new Set(graph.nodes.map((node) => node.id)).size).toBe(200);
    expect(new Set(graph.edges.map((edge) => edge.id)).size).toBe(250);
    const result = compile(graph, createNodeRegistry(builtinNodes));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('leaves the ELSE branch of if-else nodes for crossing edges and the dragged node in the middle', () => {
    const graph = createBenchGraph({ nodes: 200, edges: 250 });
    const types = new Map(graph.nodes.map((node) => [node.id, node.type]));
    const handles = new Set(graph.edges.filter((edge) => types.get(edge.source) === 'if-else').map((edge) => edge.sourceHandle));
    expect(handles).toEqual(new Set(['true', 'false']));
    expect(draggedNodeId(graph)).toMatch(/^n-\d+-\d+$/);
  });

  it('refuses sizes it cannot lay out, saying which sizes work', () => {
    expect(() => createBenchGraph({ nodes: 201, edges: 250 })).toThrow(/multiple of 11/);
    expect(() => createBenchGraph({ nodes: 200, edges: 100 })).toThrow(/between 209 and 396/);
  });
});
