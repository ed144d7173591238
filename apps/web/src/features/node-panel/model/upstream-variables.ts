import type { OutputDeclaration, OutputType } from '@weft/workflow-engine/spec';
import { definitionOf, type AppMode, type UpstreamVariable } from '../../../node-ui';

/** The graph facts the picker needs; positions and view flags are irrelevant. */
export interface GraphShape {
  nodes: readonly { id: string; type?: string; data: { title: string; config: Record<string, unknown> } }[];
  edges: readonly { source: string; target: string }[];
}

const systemVariables: Record<AppMode, { field: string; type: OutputType }[]> = {
  chatflow: [
    { field: 'query', type: 'string' },
    { field: 'conversation_id', type: 'string' },
    { field: 'user_id', type: 'string' },
    { field: 'files', type: 'array[file]' },
  ],
  workflow: [
    { field: 'user_id', type: 'string' },
    { field: 'files', type: 'array[file]' },
    { field: 'app_id', type: 'string' },
    { field: 'workflow_run_id', type: 'string' },
  ],
};

/** Upstream nodes of `nodeId`, nearest first (breadth-first over incoming edges). */
export function ancestorsOf(graph: GraphShape, nodeId: string): string[] {
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges) incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  const seen = new Set<string>([nodeId]);
  const order: string[] = [];
  const queue = [nodeId];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const source of incoming.get(current) ?? []) {
      if (seen.has(source)) continue;
      seen.add(source);
      order.push(source);
      queue.push(source);
    }
  }
  return order;
}

/**
 * A node's declared outputs. A half-edited config that fails its schema still gets outputs when the definition can
 * compute them from the raw data (start's variables while one is being renamed), and none otherwise.
 */
export function declaredOutputs(type: string | undefined, config: Record<string, unknown>): OutputDeclaration[] {
  const definition = type === undefined ? undefined : definitionOf(type);
  if (!definition) return [];
  const parsed = definition.config.safeParse(config);
  try {
    const outputs = definition.outputs(parsed.success ? parsed.data : config);
    return outputs.filter((output) => typeof output.name === 'string' && output.name !== '');
  } catch {
    return [];
  }
}

/** What a node may read: system variables, then each upstream node's declared outputs, nearest node first. */
export function upstreamVariables(graph: GraphShape, nodeId: string, mode: AppMode): UpstreamVariable[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const variables: UpstreamVariable[] = systemVariables[mode].map(({ field, type }) => ({ selector: ['sys', field], sourceId: 'sys', sourceTitle: 'System', field, type }));
  for (const id of ancestorsOf(graph, nodeId)) {
    const node = byId.get(id);
    if (!node) continue;
    for (const output of declaredOutputs(node.type, node.data.config)) {
      variables.push({ selector: [id, output.name], sourceId: id, sourceTitle: node.data.title || id, field: output.name, type: output.type });
    }
  }
  return variables;
}
