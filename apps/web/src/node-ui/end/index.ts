import type { NodeUi } from '../node-ui-types';
import { EndNodeBody } from './node';
import { EndPanel } from './panel';

export const endUi: NodeUi = {
  type: 'end',
  label: 'End',
  description: "The workflow's outputs, named from upstream values.",
  glyph: '■',
  accentClass: 'bg-rose-500',
  modes: ['workflow'],
  hasTarget: true,
  defaultConfig: () => ({ outputs: [] }),
  Body: EndNodeBody,
  Panel: EndPanel,
};
