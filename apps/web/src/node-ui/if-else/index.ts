import { ELSE_HANDLE } from '@weft/workflow-engine/nodes';
import type { NodeUi } from '../node-ui-types';
import { readIfElseDraft } from './draft';
import { IfElseNodeBody } from './node';
import { IfElsePanel } from './panel';

export const ifElseUi: NodeUi = {
  type: 'if-else',
  label: 'IF / ELSE',
  description: 'Branches on the first case whose conditions hold.',
  glyph: 'IF',
  accentClass: 'bg-cyan-600',
  modes: ['workflow', 'chatflow'],
  hasTarget: true,
  defaultConfig: () => ({ cases: [{ caseId: 'true', logicalOperator: 'and', conditions: [{ comparisonOperator: 'contains', value: '' }] }] }),
  branches: (config) => [
    ...readIfElseDraft(config).cases.map((branch, index) => ({ id: branch.caseId, label: index === 0 ? 'IF' : 'ELIF' })),
    { id: ELSE_HANDLE, label: 'ELSE' },
  ],
  Body: IfElseNodeBody,
  Panel: IfElsePanel,
};
