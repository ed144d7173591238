import { describe, expect, it } from 'vitest';
import { createNodeRegistry } from '../spec/node';
import { builtinNodes } from './index';

describe('builtinNodes', () => {
  it('registers every built-in type once', () => {
    const registry = createNodeRegistry(builtinNodes);
    expect(registry.types()).toEqual(['start', 'end', 'answer', 'template-transform', 'if-else', 'variable-aggregator', 'llm', 'knowledge-retrieval']);
    expect(builtinNodes.filter((definition) => definition.streams).map((definition) => definition.type)).toEqual(['answer', 'llm']);
  });
});
