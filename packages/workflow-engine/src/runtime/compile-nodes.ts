import type { z } from 'zod';
import type { CompileProblem } from '../spec/errors';
import type { NodeDefinition, NodeRegistry, OutputDeclaration } from '../spec/node';
import type { VariableSelector } from '../spec/variables';
import {
  FAIL_BRANCH_HANDLE,
  DEFAULT_HANDLE,
  nodeSettingsSchema,
  workflowEdgeSchema,
  workflowNodeSchema,
  type NodeSettings,
  type WorkflowEdge,
  type WorkflowNode,
} from '../spec/workflow';

/** A node while compiling. `usable` is false when its type or config is broken, so its facts are unknown. */
export interface CompilingNode {
  index: number;
  raw: WorkflowNode;
  definition: NodeDefinition | undefined;
  usable: boolean;
  config: unknown;
  settings: NodeSettings;
  handles: string[];
  outputs: OutputDeclaration[];
  references: VariableSelector[];
}

export interface ParsedShape {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

const formatPath = (path: readonly PropertyKey[]): string => (path.length === 0 ? '(root)' : path.map(String).join('.'));

/**
 * Parses the graph element by element so every malformed node and edge is reported, not only the first.
 * Returns `undefined` shape when anything is malformed: graph checks on a partial graph would only add noise.
 */
export function parseShape(workflow: unknown, problems: CompileProblem[]): ParsedShape | undefined {
  const graph = (typeof workflow === 'object' && workflow !== null ? workflow : {}) as Record<string, unknown>;
  const lists: Record<'nodes' | 'edges', unknown[]> = { nodes: [], edges: [] };
  for (const key of ['nodes', 'edges'] as const) {
    const value = graph[key];
    if (Array.isArray(value)) lists[key] = value;
    else
      problems.push({
        code: 'invalid_workflow',
        path: [key],
        message: `The workflow has no "${key}" array (got ${value === undefined ? 'nothing' : typeof value}). Export the graph as { nodes: [...], edges: [...] }.`,
      });
  }
  const nodes = parseEach(lists.nodes, 'nodes', workflowNodeSchema, problems);
  const edges = parseEach(lists.edges, 'edges', workflowEdgeSchema, problems);
  return problems.length === 0 ? { nodes, edges } : undefined;
}

function parseEach<T>(items: unknown[], key: 'nodes' | 'edges', schema: z.ZodType<T>, problems: CompileProblem[]): T[] {
  const parsed: T[] = [];
  items.forEach((item, position) => {
    const result = schema.safeParse(item);
    if (result.success) {
      parsed.push(result.data);
      return;
    }
    const id = typeof (item as { id?: unknown } | null)?.id === 'string' ? (item as { id: string }).id : undefined;
    for (const issue of result.error.issues) {
      const problem: CompileProblem = {
        code: 'invalid_workflow',
        path: [key, position, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
        message: `${key === 'nodes' ? 'Node' : 'Edge'} #${position}${id ? ` ("${id}")` : ''}: ${formatPath(issue.path)}: ${issue.message}. Fix that field in the workflow JSON.`,
      };
      if (key === 'nodes' && id) problem.nodeId = id;
      if (key === 'edges' && id) problem.edgeId = id;
      problems.push(problem);
    }
  });
  return parsed;
}

/** Resolves each node's type, parses its config and settings; reports duplicates, unknown types, bad config. */
export function compileNodes(rawNodes: WorkflowNode[], registry: NodeRegistry, problems: CompileProblem[]): CompilingNode[] {
  const seen = new Map<string, number>();
  const nodes: CompilingNode[] = [];
  for (const raw of rawNodes) {
    const count = (seen.get(raw.id) ?? 0) + 1;
    seen.set(raw.id, count);
    if (count > 1) {
      problems.push({
        code: 'duplicate_node_id',
        nodeId: raw.id,
        path: [],
        message: `${count} nodes have the id "${raw.id}" (this one is titled "${raw.title}"). Give each node a unique id.`,
      });
      continue;
    }
    nodes.push(compileNode(raw, nodes.length, registry, problems));
  }
  return nodes;
}

function compileNode(raw: WorkflowNode, index: number, registry: NodeRegistry, problems: CompileProblem[]): CompilingNode {
  const node: CompilingNode = {
    index,
    raw,
    definition: registry.get(raw.type),
    usable: false,
    config: undefined,
    settings: { errorStrategy: 'none' },
    handles: [],
    outputs: [],
    references: [],
  };
  const settings = nodeSettingsSchema.safeParse(raw.data);
  if (settings.success) node.settings = settings.data;
  else reportIssues(raw, settings.error.issues, 'common setting', problems);
  if (!node.definition) {
    const known = registry.types().sort().join(', ') || '(none registered)';
    problems.push({
      code: 'unknown_node_type',
      nodeId: raw.id,
      path: [],
      message: `Node "${raw.id}" has type "${raw.type}", which is not registered. Use one of: ${known}.`,
    });
    return node;
  }
  const config = node.definition.config.safeParse(raw.data);
  if (!config.success) {
    reportIssues(raw, config.error.issues, `${raw.type} setting`, problems);
    return node;
  }
  node.config = config.data;
  try {
    const handles = node.definition.handles?.(config.data) ?? [DEFAULT_HANDLE];
    node.handles = node.settings.errorStrategy === 'fail-branch' ? [...handles, FAIL_BRANCH_HANDLE] : handles;
    node.outputs = withStrategyOutputs(node.definition.outputs(config.data), node.settings);
    node.references = node.definition.references(config.data);
    node.usable = settings.success;
  } catch (error) {
    problems.push({
      code: 'invalid_config',
      nodeId: raw.id,
      path: [],
      message: `Node "${raw.id}" (${raw.type}) could not describe its handles, outputs or references: ${error instanceof Error ? error.message : String(error)}. Check the node's settings.`,
    });
  }
  return node;
}

/** The error strategy adds outputs: `error_message` (and `error_type` on the fail branch), plus default values. */
function withStrategyOutputs(outputs: OutputDeclaration[], settings: NodeSettings): OutputDeclaration[] {
  if (settings.errorStrategy === 'none') return outputs;
  const extra: OutputDeclaration[] = [{ name: 'error_message', type: 'string' }];
  if (settings.errorStrategy === 'fail-branch') extra.push({ name: 'error_type', type: 'string' });
  else for (const name of Object.keys(settings.defaultValue ?? {})) extra.push({ name, type: 'any' });
  const declared = new Set(outputs.map((output) => output.name));
  return [...outputs, ...extra.filter((output) => !declared.has(output.name))];
}

function reportIssues(raw: WorkflowNode, issues: z.core.$ZodIssue[], what: string, problems: CompileProblem[]): void {
  for (const issue of issues) {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    problems.push({
      code: 'invalid_config',
      nodeId: raw.id,
      path,
      message: `Node "${raw.id}" (${raw.type}) ${what} "${formatPath(path)}": ${issue.message}. Correct this field in the node's panel.`,
    });
  }
}
