import { DEFAULT_HANDLE, type Workflow, type WorkflowEdge, type WorkflowNode } from '@weft/workflow-engine/spec';

export interface GraphMerge {
  graph: Workflow;
  /** Nodes both sides changed differently (mine is kept), or one side deleted while the other edited (the edit is kept). */
  conflicts: { nodeId: string; kept: 'mine' | 'theirs' }[];
}

/** Deep equality that ignores key order: the server returns drafts from JSONB, which reorders object keys. */
function same(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const leftEntries = Object.entries(left).filter(([, value]) => value !== undefined);
  const rightRecord = right as Record<string, unknown>;
  const rightCount = Object.values(right).filter((value) => value !== undefined).length;
  return leftEntries.length === rightCount && leftEntries.every(([key, value]) => same(value, rightRecord[key]));
}
const edgeKey = (edge: WorkflowEdge) => `${edge.source}\u0000${edge.sourceHandle || DEFAULT_HANDLE}\u0000${edge.target}`;

function mergeNode(base: WorkflowNode | undefined, theirs: WorkflowNode | undefined, mine: WorkflowNode | undefined): { node: WorkflowNode | undefined; conflict?: 'mine' | 'theirs' } {
  if (same(mine, base)) return { node: theirs };
  if (same(theirs, base) || same(theirs, mine)) return { node: mine };
  if (mine === undefined) return { node: theirs, conflict: 'theirs' };
  return { node: mine, conflict: 'mine' };
}

/**
 * Three-way merge of two drafts saved from the same base: node by node (a node's title, data and position are one
 * unit) and edge by edge (an edge survives unless a side removed it). Used when a save hits a conflict, so
 * "keep both" loses nothing that only one side touched.
 */
export function mergeGraphs(base: Workflow, theirs: Workflow, mine: Workflow): GraphMerge {
  const byId = (graph: Workflow) => new Map(graph.nodes.map((node) => [node.id, node]));
  const [baseNodes, theirNodes, myNodes] = [byId(base), byId(theirs), byId(mine)];
  const ids = [...new Set([...myNodes.keys(), ...theirNodes.keys(), ...baseNodes.keys()])];
  const conflicts: GraphMerge['conflicts'] = [];
  const nodes: WorkflowNode[] = [];
  for (const id of ids) {
    const merged = mergeNode(baseNodes.get(id), theirNodes.get(id), myNodes.get(id));
    if (merged.conflict) conflicts.push({ nodeId: id, kept: merged.conflict });
    if (merged.node) nodes.push(merged.node);
  }

  const present = new Set(nodes.map((node) => node.id));
  const baseEdges = new Set(base.edges.map(edgeKey));
  const theirEdges = new Map(theirs.edges.map((edge) => [edgeKey(edge), edge]));
  const myEdges = new Map(mine.edges.map((edge) => [edgeKey(edge), edge]));
  const edges: WorkflowEdge[] = [];
  for (const [key, edge] of [...myEdges, ...theirEdges]) {
    if (edges.some((kept) => edgeKey(kept) === key)) continue;
    const keep = (myEdges.has(key) && theirEdges.has(key)) || !baseEdges.has(key);
    if (keep && present.has(edge.source) && present.has(edge.target)) edges.push(edge);
  }
  return { graph: { nodes, edges }, conflicts };
}
