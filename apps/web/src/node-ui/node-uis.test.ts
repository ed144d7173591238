import { describe, expect, it } from 'vitest';
import { builtinDefinitions, builtinNodeTypes } from './builtin-node-types';
import { nodeUis, sourceHandlesOf } from './node-uis';

describe('nodeUis', () => {
  it('has a UI for every built-in type, keyed by its own type', () => {
    expect(Object.keys(nodeUis).sort()).toEqual([...builtinNodeTypes].sort());
    for (const [type, ui] of Object.entries(nodeUis)) expect(ui.type).toBe(type);
  });

  it("draws exactly the engine's handles for each type's valid configs (defaults and a branching if-else)", () => {
    const ifElse = {
      cases: [
        { caseId: 'true', logicalOperator: 'and', conditions: [{ variableSelector: ['start', 'x'], comparisonOperator: 'is', value: 'a' }] },
        { caseId: 'case_2', logicalOperator: 'or', conditions: [{ variableSelector: ['start', 'x'], comparisonOperator: 'empty' }] },
      ],
    };
    const samples: Record<string, Record<string, unknown>> = { 'if-else': ifElse, start: { variables: [] }, answer: { answer: 'hi' } };
    for (const [type, config] of Object.entries(samples)) {
      const definition = builtinDefinitions[type as keyof typeof builtinDefinitions];
      const parsed = definition.config.parse(config);
      const engineHandles = definition.handles?.(parsed as never) ?? ['source'];
      expect(sourceHandlesOf(type, config).map((handle) => handle.id)).toEqual(engineHandles);
    }
  });

  it('adds the fail-branch handle only under the fail-branch error strategy', () => {
    expect(sourceHandlesOf('llm', { errorStrategy: 'fail-branch' }).map((handle) => handle.id)).toEqual(['source', 'fail-branch']);
    expect(sourceHandlesOf('llm', { errorStrategy: 'default-value' }).map((handle) => handle.id)).toEqual(['source']);
    expect(sourceHandlesOf('if-else', { cases: [{ caseId: 'true' }], errorStrategy: 'fail-branch' }).map((handle) => handle.id)).toEqual(['true', 'false', 'fail-branch']);
  });

  it('gives every type a default config; start, answer and end defaults pass the engine schema', () => {
    for (const ui of Object.values(nodeUis)) {
      for (const mode of ui.modes) expect(typeof ui.defaultConfig(mode)).toBe('object');
    }
    expect(builtinDefinitions.start.config.safeParse(nodeUis.start.defaultConfig('workflow')).success).toBe(true);
    expect(builtinDefinitions.answer.config.safeParse(nodeUis.answer.defaultConfig('chatflow')).success).toBe(true);
    expect(builtinDefinitions.end.config.safeParse(nodeUis.end.defaultConfig('workflow')).success).toBe(true);
  });
});
