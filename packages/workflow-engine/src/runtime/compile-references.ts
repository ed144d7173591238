import type { CompileProblem } from '../spec/errors';
import type { OutputType } from '../spec/node';
import { isRootSelector, selectorKey, type VariableSelector } from '../spec/variables';
import type { CompilingNode } from './compile-nodes';
import type { Ancestry } from './graph-algorithms';

/** Output types that have no fields, so a deeper path into them can never resolve. */
const scalarTypes: ReadonlySet<OutputType> = new Set(['string', 'number', 'boolean']);

const show = (selector: readonly string[]): string => `{{#${selectorKey(selector)}#}}`;

/** Checks every reference of every usable node: the node exists, runs upstream, and declares the field. */
export function checkReferences(
  nodes: CompilingNode[],
  indexById: Map<string, number>,
  ancestry: Ancestry,
  problems: CompileProblem[],
): void {
  for (const node of nodes) {
    if (!node.usable) continue;
    for (const selector of node.references) {
      const message = referenceProblem(node, selector, nodes, indexById, ancestry);
      if (!message) continue;
      problems.push({ ...message, nodeId: node.raw.id, path: findReferencePath(node.raw.data, selector) });
    }
  }
}

function referenceProblem(
  node: CompilingNode,
  selector: VariableSelector,
  nodes: CompilingNode[],
  indexById: Map<string, number>,
  ancestry: Ancestry,
): Pick<CompileProblem, 'code' | 'message'> | undefined {
  if (isRootSelector(selector)) return undefined;
  const [sourceId = '', field = '', ...deeper] = selector;
  const who = `Node "${node.raw.id}" reads ${show(selector)}`;
  const sourceIndex = indexById.get(sourceId);
  if (sourceIndex === undefined) {
    return {
      code: 'unknown_variable_node',
      message: `${who} but there is no node "${sourceId}". Pick a variable of an upstream node ${upstreamList(node, nodes, ancestry)}, or of sys/env/conversation.`,
    };
  }
  if (!ancestry.isAncestor(sourceIndex, node.index)) {
    return {
      code: 'reference_not_upstream',
      message: `${who} but "${sourceId}" does not run before "${node.raw.id}" (it is not upstream). Connect "${sourceId}" before "${node.raw.id}", or pick a variable of an upstream node ${upstreamList(node, nodes, ancestry)}.`,
    };
  }
  const source = nodes[sourceIndex]!;
  if (!source.usable) return undefined;
  const declared = source.outputs.find((output) => output.name === field);
  if (!declared) {
    const names = source.outputs.map((output) => output.name).join(', ') || '(no outputs)';
    return {
      code: 'unknown_output',
      message: `${who} but node "${sourceId}" declares no output "${field}"; it has: ${names}. Pick one of those.`,
    };
  }
  if (deeper.length > 0 && scalarTypes.has(declared.type)) {
    return {
      code: 'unknown_output',
      message: `${who} but output "${field}" of node "${sourceId}" is a ${declared.type}, which has no field "${deeper.join('.')}". Read ${show([sourceId, field])} instead.`,
    };
  }
  return undefined;
}

function upstreamList(node: CompilingNode, nodes: CompilingNode[], ancestry: Ancestry): string {
  const upstream: string[] = [];
  for (const candidate of nodes) {
    if (upstream.length === 10) break;
    if (candidate.index !== node.index && ancestry.isAncestor(candidate.index, node.index)) upstream.push(`"${candidate.raw.id}"`);
  }
  return upstream.length > 0 ? `(${upstream.join(', ')})` : '(it has none: connect one first)';
}

/**
 * Where in the node's data a selector is written: an array equal to it, or a string containing `{{#a.b#}}`.
 * Depth-first, first match; `[]` when the node type computes the selector from something else.
 */
export function findReferencePath(data: unknown, selector: readonly string[]): (string | number)[] {
  const token = show(selector);
  const search = (value: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (typeof value === 'string') return value.includes(token) ? path : undefined;
    if (Array.isArray(value)) {
      if (value.length === selector.length && value.every((part, index) => part === selector[index])) return path;
      for (let index = 0; index < value.length; index++) {
        const found = search(value[index], [...path, index]);
        if (found) return found;
      }
      return undefined;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const found = search(child, [...path, key]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(data, []) ?? [];
}
