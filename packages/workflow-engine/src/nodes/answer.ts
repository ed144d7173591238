import { z } from 'zod';
import { defineNode } from '../spec/node';
import { parseTemplate, templateSelectors, valueToText } from '../spec/variables';
import { readInput } from './shared/read-input';

export const answerConfigSchema = z.object({
  /** Text with `{{#node.field#}}` references, streamed to the chat in order. */
  answer: z.string(),
});
export type AnswerConfig = z.infer<typeof answerConfigSchema>;

/** Streams a chat reply rendered from a template; literal text goes out as soon as the node runs. */
export const answerNode = defineNode<AnswerConfig>({
  type: 'answer',
  version: 1,
  config: answerConfigSchema,
  streams: true,
  outputs: () => [{ name: 'answer', type: 'string' }],
  references: (config) => templateSelectors(config.answer),
  run: async ({ config, inputs, ctx }) => {
    let answer = '';
    for (const segment of parseTemplate(config.answer)) {
      const text = segment.kind === 'text' ? segment.text : valueToText(readInput(inputs, segment.selector));
      if (text === '') continue;
      ctx.emitText(text);
      answer += text;
    }
    return { outputs: { answer } };
  },
});
