import { describe, expect, it } from 'vitest';
import { builtinNodes } from '@weft/workflow-engine/nodes';
import { builtinDefinitions, builtinNodeTypes, definitionOf, isBuiltinNodeType } from './builtin-node-types';

describe('builtinDefinitions', () => {
  it('names exactly the engine built-in node types, each key matching its definition', () => {
    expect([...builtinNodeTypes].sort()).toEqual(builtinNodes.map((definition) => definition.type).sort());
    for (const [type, definition] of Object.entries(builtinDefinitions)) expect(definition.type).toBe(type);
  });

  it('recognises built-in types and rejects others, including prototype keys', () => {
    expect(isBuiltinNodeType('llm')).toBe(true);
    expect(isBuiltinNodeType('toString')).toBe(false);
    expect(definitionOf('code')).toBeUndefined();
    expect(definitionOf('if-else')?.type).toBe('if-else');
  });
});
