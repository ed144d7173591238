import type { CompileProblem } from '../spec/errors';
import type { NodeRegistry } from '../spec/node';
import { buildPlan } from './build-plan';
import { compileGraph } from './compile-graph';
import { compileNodes, parseShape } from './compile-nodes';
import { checkReferences } from './compile-references';
import { createAncestry } from './graph-algorithms';
import type { CompileResult } from './plan';

/**
 * Validates a workflow against the registry's node types and turns it into an immutable, reusable `Plan`.
 * Reports every problem found (never only the first), each with node id, field path and how to fix it.
 */
export function compile(workflow: unknown, registry: NodeRegistry): CompileResult {
  const problems: CompileProblem[] = [];
  const shape = parseShape(workflow, problems);
  if (!shape) return { ok: false, problems };
  const nodes = compileNodes(shape.nodes, registry, problems);
  const indexById = new Map(nodes.map((node) => [node.raw.id, node.index]));
  const graph = compileGraph(nodes, indexById, shape.edges, problems);
  const ancestry = createAncestry(graph.predecessors, graph.order);
  checkReferences(nodes, indexById, ancestry, problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, plan: buildPlan(nodes, indexById, graph, ancestry) };
}
