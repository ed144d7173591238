import { startConfigSchema, type StartVariable } from '@weft/workflow-engine/nodes';

interface GraphLike {
  nodes: Array<{ type: string; data?: unknown }>;
}

/** The start node's variables of a published graph (none when it has no valid start node). */
export function startVariablesOf(graph: GraphLike | undefined): StartVariable[] {
  const start = graph?.nodes.find((node) => node.type === 'start');
  const parsed = startConfigSchema.safeParse(start?.data ?? {});
  return parsed.success ? parsed.data.variables : [];
}
