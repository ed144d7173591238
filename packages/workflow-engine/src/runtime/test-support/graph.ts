import type { WorkflowInput } from '../../spec/workflow';

export type NodeSpec = [id: string, type: string, data?: Record<string, unknown>];
export type EdgeSpec = [source: string, target: string, handle?: string];

/** Builds a workflow from terse node and edge lists (edge ids are `source->target`). */
export function graph(nodes: NodeSpec[], edges: EdgeSpec[]): WorkflowInput {
  return {
    nodes: nodes.map(([id, type, data = {}]) => ({ id, type, title: id, data })),
    edges: edges.map(([source, target, handle]) => ({ id: `${source}->${target}`, source, target, ...(handle ? { sourceHandle: handle } : {}) })),
  };
}
