import type { NodeUi } from '../node-ui-types';
import { AnswerNodeBody } from './node';
import { AnswerPanel } from './panel';

export const answerUi: NodeUi = {
  type: 'answer',
  label: 'Answer',
  description: 'Streams a reply to the chat from a template.',
  glyph: 'A',
  accentClass: 'bg-amber-500',
  modes: ['chatflow'],
  hasTarget: true,
  defaultConfig: () => ({ answer: '' }),
  Body: AnswerNodeBody,
  Panel: AnswerPanel,
};
