import { DEFAULT_HANDLE } from '@weft/workflow-engine/spec';
import { nodeUiOf, sourceHandlesOf, type AppMode } from '../../../node-ui';
import { edgeIdOf } from './graph-convert';
import { TARGET_HANDLE, type FlowEdge, type FlowGraph, type FlowNode } from './flow-types';

/** `llm`, then `llm-2`, `llm-3`…: ids stay readable because references spell them (`{{#llm-2.text#}}`). */
export function nextNodeId(type: string, taken: ReadonlySet<string>): string {
  if (!taken.has(type)) return type;
  for (let index = 2; ; index++) {
    const id = `${type}-${index}`;
    if (!taken.has(id)) return id;
  }
}

function nextTitle(label: string, nodes: readonly FlowNode[]): string {
  const titles = new Set(nodes.map((node) => node.data.title));
  if (!titles.has(label)) return label;
  for (let index = 2; ; index++) if (!titles.has(`${label} ${index}`)) return `${label} ${index}`;
}

/** A new node of `type` with its default config; undefined when the type is unknown or a singleton already present. */
export function createNode(graph: FlowGraph, type: string, position: { x: number; y: number }, mode: AppMode): FlowNode | undefined {
  const ui = nodeUiOf(type);
  if (!ui) return undefined;
  if (ui.singleton && graph.nodes.some((node) => node.type === type)) return undefined;
  const id = nextNodeId(type, new Set(graph.nodes.map((node) => node.id)));
  return { id, type, position, data: { title: nextTitle(ui.label, graph.nodes), config: ui.defaultConfig(mode) }, selected: true };
}

/** Copies of the given nodes (offset, new ids) and of the edges between them; singletons are not copied. */
export function duplicateNodes(graph: FlowGraph, ids: readonly string[]): FlowGraph {
  const taken = new Set(graph.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  const copies: FlowNode[] = [];
  for (const node of graph.nodes) {
    if (!ids.includes(node.id) || nodeUiOf(node.type)?.singleton) continue;
    const id = nextNodeId(node.type ?? 'node', taken);
    taken.add(id);
    renamed.set(node.id, id);
    copies.push({
      id,
      type: node.type,
      position: { x: node.position.x + 40, y: node.position.y + 60 },
      data: { title: `${node.data.title} copy`, config: structuredClone(node.data.config) },
      selected: true,
    });
  }
  const edgeCopies: FlowEdge[] = graph.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (source === undefined || target === undefined) return [];
    const handle = edge.sourceHandle ?? DEFAULT_HANDLE;
    return [{ id: edgeIdOf(source, handle, target), source, sourceHandle: handle, target, targetHandle: TARGET_HANDLE }];
  });
  return {
    nodes: [...graph.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)), ...copies],
    edges: [...graph.edges, ...edgeCopies],
  };
}

/** Removes the nodes and every edge touching them, plus the given edges. */
export function removeElements(graph: FlowGraph, nodeIds: readonly string[], edgeIds: readonly string[] = []): FlowGraph {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  return {
    nodes: graph.nodes.filter((node) => !goneNodes.has(node.id)),
    edges: graph.edges.filter((edge) => !goneEdges.has(edge.id) && !goneNodes.has(edge.source) && !goneNodes.has(edge.target)),
  };
}

export interface ConnectionRequest {
  source: string;
  sourceHandle: string | null;
  target: string;
}

/** Why a connection is refused, or undefined when it is fine. */
export function connectionProblem(graph: FlowGraph, connection: ConnectionRequest): string | undefined {
  if (connection.source === connection.target) return 'A node cannot feed itself.';
  const target = graph.nodes.find((node) => node.id === connection.target);
  if (!target || nodeUiOf(target.type)?.hasTarget === false) return 'Nothing connects into a start node.';
  const handle = connection.sourceHandle ?? DEFAULT_HANDLE;
  if (graph.edges.some((edge) => edge.source === connection.source && (edge.sourceHandle ?? DEFAULT_HANDLE) === handle && edge.target === connection.target)) {
    return 'These handles are already connected.';
  }
  if (reaches(graph.edges, connection.target, connection.source)) return 'That connection would make a cycle.';
  return undefined;
}

function reaches(edges: readonly FlowEdge[], from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const queue = [from];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    if (current === to) return true;
    for (const edge of edges) {
      if (edge.source === current && !seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return false;
}

export function connect(graph: FlowGraph, connection: ConnectionRequest): FlowGraph {
  if (connectionProblem(graph, connection) !== undefined) return graph;
  const handle = connection.sourceHandle ?? DEFAULT_HANDLE;
  const edge: FlowEdge = { id: edgeIdOf(connection.source, handle, connection.target), source: connection.source, sourceHandle: handle, target: connection.target, targetHandle: TARGET_HANDLE };
  return { nodes: graph.nodes, edges: [...graph.edges, edge] };
}

/** Drops edges leaving from a handle the node no longer has (a removed if-else case, fail-branch turned off). */
export function pruneDanglingHandles(graph: FlowGraph, nodeId: string): FlowGraph {
  const node = graph.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return graph;
  const handles = new Set(sourceHandlesOf(node.type, node.data.config).map((handle) => handle.id));
  const edges = graph.edges.filter((edge) => edge.source !== nodeId || handles.has(edge.sourceHandle ?? DEFAULT_HANDLE));
  return edges.length === graph.edges.length ? graph : { nodes: graph.nodes, edges };
}
