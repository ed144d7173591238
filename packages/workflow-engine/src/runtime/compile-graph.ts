import type { CompileProblem } from '../spec/errors';
import type { WorkflowEdge } from '../spec/workflow';
import type { CompilingNode } from './compile-nodes';
import { findCycles, reachableFrom, topologicalOrder } from './graph-algorithms';

export interface CompilingEdge {
  id: string | undefined;
  source: number;
  handle: string;
  target: number;
}

export interface GraphShape {
  edges: CompilingEdge[];
  /** Distinct successor indexes per node. */
  successors: number[][];
  /** Distinct predecessor indexes per node. */
  predecessors: number[][];
  startNode: number | undefined;
  /** A topological order, or null when there is a cycle. */
  order: number[] | null;
}

const quote = (values: readonly string[]): string => values.map((value) => `"${value}"`).join(', ');

/** Connects edges and checks the graph: dangling edges, unknown handles, one start, no cycles, all reachable. */
export function compileGraph(
  nodes: CompilingNode[],
  indexById: Map<string, number>,
  rawEdges: WorkflowEdge[],
  problems: CompileProblem[],
): GraphShape {
  const edges = connectEdges(nodes, indexById, rawEdges, problems);
  const successorSets = nodes.map(() => new Set<number>());
  const predecessorSets = nodes.map(() => new Set<number>());
  for (const edge of edges) {
    successorSets[edge.source]!.add(edge.target);
    predecessorSets[edge.target]!.add(edge.source);
  }
  const successors = successorSets.map((set) => [...set]);
  const predecessors = predecessorSets.map((set) => [...set]);
  const startNode = checkStart(nodes, problems);
  const order = topologicalOrder(successors);
  if (!order) reportCycles(nodes, successors, problems);
  if (startNode !== undefined) reportUnreachable(nodes, successors, startNode, problems);
  return { edges, successors, predecessors, startNode, order };
}

function connectEdges(
  nodes: CompilingNode[],
  indexById: Map<string, number>,
  rawEdges: WorkflowEdge[],
  problems: CompileProblem[],
): CompilingEdge[] {
  const edges: CompilingEdge[] = [];
  const nodeIds = nodes.map((node) => node.raw.id);
  rawEdges.forEach((raw, position) => {
    const label = raw.id ? `Edge "${raw.id}"` : `Edge #${position}`;
    const source = indexById.get(raw.source);
    const target = indexById.get(raw.target);
    const missing = [source === undefined ? `source "${raw.source}"` : '', target === undefined ? `target "${raw.target}"` : '']
      .filter(Boolean)
      .join(' and ');
    if (source === undefined || target === undefined) {
      problems.push({
        code: 'dangling_edge',
        ...(source !== undefined ? { nodeId: raw.source } : {}),
        ...(raw.id ? { edgeId: raw.id } : {}),
        path: [],
        message: `${label} (${raw.source} → ${raw.target}) points to a missing ${missing}. Delete the edge or connect it to an existing node: ${quote(nodeIds.slice(0, 20))}.`,
      });
      return;
    }
    const from = nodes[source]!;
    if (from.usable && !from.handles.includes(raw.sourceHandle)) {
      problems.push({
        code: 'unknown_handle',
        nodeId: raw.source,
        ...(raw.id ? { edgeId: raw.id } : {}),
        path: [],
        message: `${label} leaves node "${raw.source}" (${from.raw.type}) by handle "${raw.sourceHandle}", which that node does not have. Reconnect it from one of: ${quote(from.handles)}${from.settings.errorStrategy === 'fail-branch' ? '' : ' (set error strategy "fail-branch" to get a "fail-branch" handle)'}.`,
      });
    }
    // Kept even with a bad handle, so the target is not also reported as unreachable.
    edges.push({ id: raw.id, source, handle: raw.sourceHandle, target });
  });
  return edges;
}

function checkStart(nodes: CompilingNode[], problems: CompileProblem[]): number | undefined {
  const starts = nodes.filter((node) => node.raw.type === 'start');
  const first = starts[0];
  if (!first) {
    problems.push({ code: 'missing_start', path: [], message: 'The workflow has no start node. Add one node of type "start" and connect it to the first step.' });
    return undefined;
  }
  for (const extra of starts.slice(1)) {
    problems.push({
      code: 'multiple_starts',
      nodeId: extra.raw.id,
      path: [],
      message: `Node "${extra.raw.id}" is a second start node (the first is "${first.raw.id}"). A workflow has exactly one start: delete "${extra.raw.id}" or change its type.`,
    });
  }
  return first.index;
}

function reportCycles(nodes: CompilingNode[], successors: number[][], problems: CompileProblem[]): void {
  for (const cycle of findCycles(successors)) {
    const ids = cycle.map((index) => nodes[index]!.raw.id);
    const first = ids[0]!;
    const last = ids[ids.length - 1]!;
    problems.push({
      code: 'cycle',
      nodeId: first,
      path: [],
      message: `Nodes ${[...ids, first].map((id) => `"${id}"`).join(' → ')} form a cycle; workflows must be acyclic. Remove one edge of the loop, e.g. "${last}" → "${first}".`,
    });
  }
}

function reportUnreachable(nodes: CompilingNode[], successors: number[][], start: number, problems: CompileProblem[]): void {
  const reached = reachableFrom(successors, [start]);
  const startId = nodes[start]!.raw.id;
  for (const node of nodes) {
    if (reached[node.index] || node.raw.type === 'start') continue;
    problems.push({
      code: 'unreachable_node',
      nodeId: node.raw.id,
      path: [],
      message: `Node "${node.raw.id}" can never run: no path leads to it from the start node "${startId}". Connect an upstream node to it, or delete it.`,
    });
  }
}
