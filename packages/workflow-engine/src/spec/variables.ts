import { z } from 'zod';

/**
 * A variable selector: `[nodeId, field, ...path]`, or a root: `['sys', 'query']`, `['env', name]`,
 * `['conversation', name]`. Path parts index into objects (keys) and arrays (decimal indexes).
 */
export const variableSelectorSchema = z.array(z.string().min(1)).min(2);
export type VariableSelector = z.infer<typeof variableSelectorSchema>;

/** Roots that are not node ids. */
export const variableRoots = ['sys', 'env', 'conversation'] as const;
export type VariableRoot = (typeof variableRoots)[number];

/** System variables a run provides (`sys.*`). `history` holds prior chat turns for LLM memory. */
export const systemVariableNames = ['query', 'user_id', 'conversation_id', 'files', 'history', 'app_id', 'workflow_run_id'] as const;

export function isRootSelector(selector: VariableSelector): boolean {
  return (variableRoots as readonly string[]).includes(selector[0] ?? '');
}

/** The canonical text form of a selector, `a.b.c`; also the key of a resolved input. */
export function selectorKey(selector: readonly string[]): string {
  return selector.join('.');
}

/** A piece of a text template: literal text, or a reference `{{#nodeId.field#}}`. */
export type TemplateSegment = { kind: 'text'; text: string } | { kind: 'variable'; selector: VariableSelector };

const referencePattern = /\{\{#([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+)#\}\}/g;

/** Splits a text template into literal and variable segments (Dify's `{{#node.field#}}` syntax). */
export function parseTemplate(template: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let last = 0;
  for (const match of template.matchAll(referencePattern)) {
    const index = match.index ?? 0;
    if (index > last) segments.push({ kind: 'text', text: template.slice(last, index) });
    segments.push({ kind: 'variable', selector: (match[1] ?? '').split('.') });
    last = index + match[0].length;
  }
  if (last < template.length) segments.push({ kind: 'text', text: template.slice(last) });
  return segments;
}

/** Every selector referenced by a text template, in order of appearance (duplicates kept once). */
export function templateSelectors(template: string): VariableSelector[] {
  const seen = new Set<string>();
  const selectors: VariableSelector[] = [];
  for (const segment of parseTemplate(template)) {
    if (segment.kind !== 'variable') continue;
    const key = selectorKey(segment.selector);
    if (seen.has(key)) continue;
    seen.add(key);
    selectors.push(segment.selector);
  }
  return selectors;
}

/** How a resolved value is written into text: strings as-is, null/undefined as empty, others as JSON. */
export function valueToText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Renders a text template, looking each reference up with `lookup`. */
export function renderTemplate(template: string, lookup: (selector: VariableSelector) => unknown): string {
  return parseTemplate(template)
    .map((segment) => (segment.kind === 'text' ? segment.text : valueToText(lookup(segment.selector))))
    .join('');
}
