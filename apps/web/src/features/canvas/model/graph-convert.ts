import { DEFAULT_HANDLE, type Workflow, type WorkflowEdge } from '@weft/workflow-engine/spec';
import { TARGET_HANDLE, type FlowEdge, type FlowGraph, type FlowNode } from './flow-types';

export function edgeIdOf(source: string, sourceHandle: string, target: string): string {
  return `${source}:${sourceHandle}->${target}`;
}

/** A stored draft graph as canvas nodes and edges (positions default to a column for graphs without them). */
export function toFlowGraph(workflow: Workflow): FlowGraph {
  const nodes: FlowNode[] = workflow.nodes.map((node, index) => ({
    id: node.id,
    type: node.type,
    position: node.position ?? { x: 80 + (index % 4) * 280, y: 80 + Math.floor(index / 4) * 160 },
    data: { title: node.title, config: node.data },
  }));
  const edges: FlowEdge[] = workflow.edges.map((edge) => toFlowEdge(edge));
  return { nodes, edges };
}

function toFlowEdge(edge: WorkflowEdge): FlowEdge {
  const sourceHandle = edge.sourceHandle || DEFAULT_HANDLE;
  return {
    id: edge.id ?? edgeIdOf(edge.source, sourceHandle, edge.target),
    source: edge.source,
    sourceHandle,
    target: edge.target,
    targetHandle: TARGET_HANDLE,
  };
}

/** The canvas as the engine's workflow JSON (what drafts.save stores). Positions are rounded to whole pixels. */
export function toWorkflow(graph: FlowGraph): Workflow {
  return {
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      type: node.type ?? '',
      title: node.data.title,
      data: node.data.config,
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle ?? DEFAULT_HANDLE,
      target: edge.target,
    })),
  };
}
