import type { NodeUi } from '../node-ui-types';
import { StartNodeBody } from './node';
import { StartPanel } from './panel';

export const startUi: NodeUi = {
  type: 'start',
  label: 'Start',
  description: 'The run inputs: one form field per variable.',
  glyph: '▶',
  accentClass: 'bg-emerald-500',
  modes: ['workflow', 'chatflow'],
  hasTarget: false,
  singleton: true,
  defaultConfig: () => ({ variables: [] }),
  Body: StartNodeBody,
  Panel: StartPanel,
};
