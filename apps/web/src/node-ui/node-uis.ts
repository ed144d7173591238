import { FAIL_BRANCH_HANDLE, DEFAULT_HANDLE } from '@weft/workflow-engine/spec';
import { answerUi } from './answer';
import type { BuiltinNodeType } from './builtin-node-types';
import { isBuiltinNodeType } from './builtin-node-types';
import { endUi } from './end';
import { ifElseUi } from './if-else';
import { knowledgeRetrievalUi } from './knowledge-retrieval';
import { llmUi } from './llm';
import type { NodeUi, SourceHandle } from './node-ui-types';
import { startUi } from './start';
import { templateTransformUi } from './template-transform';
import { variableAggregatorUi } from './variable-aggregator';

/** One UI per engine node type: a type without an entry here does not compile. Palette order is this order. */
export const nodeUis = {
  start: startUi,
  'knowledge-retrieval': knowledgeRetrievalUi,
  llm: llmUi,
  answer: answerUi,
  end: endUi,
  'if-else': ifElseUi,
  'template-transform': templateTransformUi,
  'variable-aggregator': variableAggregatorUi,
} as const satisfies Record<BuiltinNodeType, NodeUi>;

export function nodeUiOf(type: string | undefined): NodeUi | undefined {
  return type !== undefined && isBuiltinNodeType(type) ? nodeUis[type] : undefined;
}

/** Every outgoing handle a node has now: its branches (or `source`), plus `fail-branch` under that error strategy. */
export function sourceHandlesOf(type: string | undefined, config: Record<string, unknown>): SourceHandle[] {
  const ui = nodeUiOf(type);
  const branches = ui?.branches?.(config) ?? [{ id: DEFAULT_HANDLE }];
  return config.errorStrategy === 'fail-branch' ? [...branches, { id: FAIL_BRANCH_HANDLE, label: 'FAIL' }] : branches;
}
