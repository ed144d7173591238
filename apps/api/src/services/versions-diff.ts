import type { Workflow, WorkflowEdge, WorkflowNode } from '@weft/workflow-engine/spec';

export interface DiffNode {
  id: string;
  type: string;
  title: string;
}

export interface DiffEdge {
  source: string;
  sourceHandle: string;
  target: string;
}

/** What changed from `before` to `after`. Node positions are layout, not behaviour, and are ignored. */
export interface WorkflowDiff {
  nodes: {
    added: DiffNode[];
    removed: DiffNode[];
    /** `fields`: `type`, `title`, or `data.<key>` for each top-level config key that differs. */
    changed: Array<DiffNode & { fields: string[] }>;
  };
  /** Edges are compared by source, handle and target (their ids are editor bookkeeping). */
  edges: { added: DiffEdge[]; removed: DiffEdge[] };
}

/** JSON with object keys sorted, so equal values compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const summary = (node: WorkflowNode): DiffNode => ({ id: node.id, type: node.type, title: node.title });
const edgeOf = (edge: WorkflowEdge): DiffEdge => ({ source: edge.source, sourceHandle: edge.sourceHandle ?? 'source', target: edge.target });
const edgeKey = (edge: DiffEdge) => `${edge.source}\u0000${edge.sourceHandle}\u0000${edge.target}`;

function changedFields(before: WorkflowNode, after: WorkflowNode): string[] {
  const fields: string[] = [];
  if (before.type !== after.type) fields.push('type');
  if ((before.title ?? '') !== (after.title ?? '')) fields.push('title');
  const beforeData = before.data ?? {};
  const afterData = after.data ?? {};
  const keys = [...new Set([...Object.keys(beforeData), ...Object.keys(afterData)])].sort();
  for (const key of keys) if (canonical(beforeData[key]) !== canonical(afterData[key])) fields.push(`data.${key}`);
  return fields;
}

export function diffWorkflows(before: Workflow, after: Workflow): WorkflowDiff {
  const beforeNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const afterNodes = new Map(after.nodes.map((node) => [node.id, node]));
  const diff: WorkflowDiff = { nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [] } };
  for (const [id, node] of afterNodes) {
    const previous = beforeNodes.get(id);
    if (!previous) {
      diff.nodes.added.push(summary(node));
      continue;
    }
    const fields = changedFields(previous, node);
    if (fields.length > 0) diff.nodes.changed.push({ ...summary(node), fields });
  }
  for (const [id, node] of beforeNodes) if (!afterNodes.has(id)) diff.nodes.removed.push(summary(node));

  const beforeEdges = new Map(before.edges.map((edge) => [edgeKey(edgeOf(edge)), edgeOf(edge)]));
  const afterEdges = new Map(after.edges.map((edge) => [edgeKey(edgeOf(edge)), edgeOf(edge)]));
  for (const [key, edge] of afterEdges) if (!beforeEdges.has(key)) diff.edges.added.push(edge);
  for (const [key, edge] of beforeEdges) if (!afterEdges.has(key)) diff.edges.removed.push(edge);
  return diff;
}
