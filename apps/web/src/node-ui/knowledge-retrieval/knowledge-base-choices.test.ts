import { describe, expect, it } from 'vitest';
import { knowledgeBaseChoices, selectedNames, toggleKnowledgeBase } from './knowledge-base-choices';

const bases = [
  { id: 'kb_1', name: 'Handbook', documentCount: 3 },
  { id: 'kb_2', name: 'FAQ' },
];

describe('knowledge base choices', () => {
  it('marks the selected bases and reports selected ids that no longer exist', () => {
    const choices = knowledgeBaseChoices(['kb_2', 'kb_gone'], bases);
    expect(choices.options.map((option) => [option.name, option.selected])).toEqual([
      ['Handbook', false],
      ['FAQ', true],
    ]);
    expect(choices.missing).toEqual(['kb_gone']);
  });

  it('toggles without duplicates, in picking order', () => {
    expect(toggleKnowledgeBase(['kb_2'], 'kb_1', true)).toEqual(['kb_2', 'kb_1']);
    expect(toggleKnowledgeBase(['kb_2', 'kb_1'], 'kb_1', true)).toEqual(['kb_2', 'kb_1']);
    expect(toggleKnowledgeBase(['kb_2', 'kb_1'], 'kb_2', false)).toEqual(['kb_1']);
  });

  it('names the selection for the node card, falling back to ids', () => {
    expect(selectedNames(['kb_1', 'kb_x'], bases)).toEqual(['Handbook', 'kb_x']);
    expect(selectedNames(['kb_1'], undefined)).toEqual(['kb_1']);
  });
});
