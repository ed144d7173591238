import type { NodeDefinition } from '../spec/node';
import { answerNode } from './answer';
import { endNode } from './end';
import { ifElseNode } from './if-else';
import { knowledgeRetrievalNode } from './knowledge-retrieval';
import { llmNode } from './llm';
import { startNode } from './start';
import { templateTransformNode } from './template-transform';
import { variableAggregatorNode } from './variable-aggregator';

export * from './answer';
export * from './end';
export * from './if-else';
export * from './knowledge-retrieval';
export * from './llm';
export * from './start';
export * from './template-transform';
export * from './variable-aggregator';
export { comparisonOperators, type ComparisonOperator } from './shared/evaluate-condition';

/** The node types every weft install has; pass to `createNodeRegistry`. */
export const builtinNodes: NodeDefinition[] = [
  startNode,
  endNode,
  answerNode,
  templateTransformNode,
  ifElseNode,
  variableAggregatorNode,
  llmNode,
  knowledgeRetrievalNode,
];
