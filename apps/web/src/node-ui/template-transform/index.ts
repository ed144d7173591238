import type { NodeUi } from '../node-ui-types';
import { TemplateTransformNodeBody } from './node';
import { TemplateTransformPanel } from './panel';

export const templateTransformUi: NodeUi = {
  type: 'template-transform',
  label: 'Template',
  description: 'Renders a Jinja template over upstream values.',
  glyph: '{}',
  accentClass: 'bg-violet-500',
  modes: ['workflow', 'chatflow'],
  hasTarget: true,
  defaultConfig: () => ({ template: '', variables: [] }),
  Body: TemplateTransformNodeBody,
  Panel: TemplateTransformPanel,
};
