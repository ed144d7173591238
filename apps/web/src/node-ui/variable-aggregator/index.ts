import type { NodeUi } from '../node-ui-types';
import { VariableAggregatorNodeBody } from './node';
import { VariableAggregatorPanel } from './panel';

export const variableAggregatorUi: NodeUi = {
  type: 'variable-aggregator',
  label: 'Variable aggregator',
  description: 'Joins branches: outputs the first listed value that is present.',
  glyph: '⋈',
  accentClass: 'bg-fuchsia-500',
  modes: ['workflow', 'chatflow'],
  hasTarget: true,
  defaultConfig: () => ({ variables: [] }),
  Body: VariableAggregatorNodeBody,
  Panel: VariableAggregatorPanel,
};
