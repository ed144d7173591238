import { describe, expect, it } from 'vitest';
import { canonicalOperator, evaluateCondition, type ComparisonOperator } from './evaluate-condition';

type Row = [ComparisonOperator, unknown, unknown, boolean];

const cases: Record<string, Row[]> = {
  'contains on strings and arrays': [
    ['contains', 'hello world', 'lo w', true],
    ['contains', 'hello', 'Hello', false],
    ['contains', ['a', 'b'], 'b', true],
    ['contains', [1, 2], '2', true],
    ['contains', ['ab'], 'a', false],
    ['contains', undefined, 'a', false],
    ['contains', 42, '4', false],
    ['not contains', 'hello', 'x', true],
    ['not contains', ['a'], 'a', false],
    ['not contains', null, 'a', true],
  ],
  'start with / end with': [
    ['start with', 'weft engine', 'weft', true],
    ['start with', 'weft', 'engine', false],
    ['end with', 'report.pdf', '.pdf', true],
    ['end with', ['a.pdf'], '.pdf', false],
    ['start with', undefined, '', false],
  ],
  'is / is not (exact text)': [
    ['is', 'yes', 'yes', true],
    ['is', 'yes', 'Yes', false],
    ['is', 'yes ', 'yes', false],
    ['is', 5, '5', true],
    ['is', true, 'true', true],
    ['is', undefined, '', false],
    ['is not', 'a', 'b', true],
    ['is not', 'a', 'a', false],
    ['is not', undefined, 'a', false],
    ['is not', { a: 1 }, 'a', false],
  ],
  'empty / not empty': [
    ['empty', undefined, undefined, true],
    ['empty', null, undefined, true],
    ['empty', '', undefined, true],
    ['empty', [], undefined, true],
    ['empty', {}, undefined, true],
    ['empty', 0, undefined, false],
    ['empty', false, undefined, false],
    ['empty', ' ', undefined, false],
    ['not empty', ['x'], undefined, true],
    ['not empty', { k: null }, undefined, true],
    ['not empty', '', undefined, false],
  ],
  'numeric comparisons coerce numeric text': [
    ['=', 3, '3', true],
    ['=', '3.0', 3, true],
    ['≠', 3, 4, true],
    ['≠', 3, '3', false],
    ['>', '10', '9', true],
    ['<', '10', '9', false],
    ['≥', 5, 5, true],
    ['≤', 4.5, '5', true],
    ['>', 'ten', 9, false],
    ['≠', 'ten', 9, false],
    ['=', undefined, 0, false],
    ['=', '', 0, false],
    ['<', 1, 'abc', false],
  ],
  'in / not in with lists and comma-separated text': [
    ['in', 'b', ['a', 'b'], true],
    ['in', 'c', ['a', 'b'], false],
    ['in', 'b', 'a, b ,c', true],
    ['in', 2, ['1', '2'], true],
    ['in', undefined, ['a'], false],
    ['in', ['a'], ['a'], false],
    ['not in', 'c', 'a,b', true],
    ['not in', 'a', 'a,b', false],
    ['not in', undefined, ['a'], true],
  ],
};

describe('evaluateCondition', () => {
  for (const [group, rows] of Object.entries(cases)) {
    it(group, () => {
      const mismatches = rows.filter(([operator, actual, expected, want]) => evaluateCondition(operator, actual, expected) !== want);
      expect(mismatches).toEqual([]);
    });
  }

  it('maps the ASCII aliases to the operators', () => {
    expect([canonicalOperator('!='), canonicalOperator('>='), canonicalOperator('<='), canonicalOperator('in')]).toEqual(['≠', '≥', '≤', 'in']);
  });
});
