import type { NodeDefinition } from '@weft/workflow-engine/spec';
import {
  answerNode,
  endNode,
  ifElseNode,
  knowledgeRetrievalNode,
  llmNode,
  startNode,
  templateTransformNode,
  variableAggregatorNode,
} from '@weft/workflow-engine/nodes';

/**
 * The engine's built-in node definitions by type name. The engine types `type` as a plain string, so this map is
 * where the literal names come from; `builtin-node-types.test.ts` checks it against the engine's `builtinNodes`,
 * so a node type added to the engine fails the web's tests until it gets a UI here.
 */
export const builtinDefinitions = {
  start: startNode,
  end: endNode,
  answer: answerNode,
  llm: llmNode,
  'knowledge-retrieval': knowledgeRetrievalNode,
  'if-else': ifElseNode,
  'template-transform': templateTransformNode,
  'variable-aggregator': variableAggregatorNode,
} satisfies Record<string, NodeDefinition>;

export type BuiltinNodeType = keyof typeof builtinDefinitions;

export const builtinNodeTypes = Object.keys(builtinDefinitions) as BuiltinNodeType[];

export function isBuiltinNodeType(type: string): type is BuiltinNodeType {
  return Object.hasOwn(builtinDefinitions, type);
}

export function definitionOf(type: string): NodeDefinition | undefined {
  return isBuiltinNodeType(type) ? builtinDefinitions[type] : undefined;
}
