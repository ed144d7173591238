import type { NodeUi } from '../node-ui-types';
import { LlmNodeBody } from './node';
import { LlmPanel } from './panel';

export const llmUi: NodeUi = {
  type: 'llm',
  label: 'LLM',
  description: 'Calls a chat model with your prompt, context and memory; streams its answer.',
  glyph: '✦',
  accentClass: 'bg-brand-500',
  modes: ['workflow', 'chatflow'],
  hasTarget: true,
  defaultConfig: (mode) => ({
    model: { id: '' },
    promptTemplate: [
      { role: 'system', text: 'You are a helpful assistant.' },
      { role: 'user', text: mode === 'chatflow' ? '{{#sys.query#}}' : '' },
    ],
  }),
  Body: LlmNodeBody,
  Panel: LlmPanel,
};
