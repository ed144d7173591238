import { describe, expect, it } from 'vitest';
import { templateSelectors } from '@weft/workflow-engine/spec';
import { insertReference } from './insert-reference';

describe('insertReference', () => {
  it('puts the reference at the caret and the caret after it', () => {
    expect(insertReference('Hello !', ['start', 'name'], 6, 6)).toEqual({ text: 'Hello {{#start.name#}}!', caret: 22 });
  });

  it('replaces the selected text, and clamps a caret outside the text to its ends', () => {
    expect(insertReference('Say XX now', ['llm', 'text'], 4, 6).text).toBe('Say {{#llm.text#}} now');
    expect(insertReference('end', ['sys', 'query'], 99, 120)).toEqual({ text: 'end{{#sys.query#}}', caret: 18 });
    expect(insertReference('start', ['sys', 'query'], -5, -1).text).toBe('{{#sys.query#}}start');
  });

  it('writes references the engine reads back as the same selector', () => {
    const { text } = insertReference('Use ', ['kr', 'result'], 4, 4);
    expect(templateSelectors(text)).toEqual([['kr', 'result']]);
  });
});
