'use client';
import { useRef } from 'react';
import { selectorKey, templateSelectors } from '@weft/workflow-engine/spec';
import type { UpstreamVariable } from '../node-ui-types';
import { insertReference } from './insert-reference';
import { variableLabel } from './variable-picker';

interface TemplateEditorProps {
  id?: string;
  value: string;
  onChange(value: string): void;
  upstream: UpstreamVariable[];
  disabled?: boolean;
  rows?: number;
  testId?: string;
  placeholder?: string;
}

/** Text with `{{#node.field#}}` references; lists the references and flags those that are not upstream. */
export function TemplateEditor({ id, value, onChange, upstream, disabled, rows = 4, testId, placeholder }: TemplateEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const available = new Set(upstream.map((variable) => selectorKey(variable.selector)));
  const references = templateSelectors(value).map(selectorKey);

  const insert = (key: string) => {
    const variable = upstream.find((candidate) => selectorKey(candidate.selector) === key);
    const element = area.current;
    if (!variable) return;
    const result = insertReference(value, variable.selector, element?.selectionStart ?? value.length, element?.selectionEnd ?? value.length);
    onChange(result.text);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(result.caret, result.caret);
    });
  };

  return (
    <div className="flex flex-col gap-1">
      <textarea
        id={id}
        ref={area}
        rows={rows}
        value={value}
        disabled={disabled}
        placeholder={placeholder}
        data-testid={testId ?? 'template-editor'}
        className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs text-slate-900 focus:border-brand-500 disabled:bg-slate-100"
        onChange={(event) => onChange(event.target.value)}
      />
      <div className="flex flex-wrap items-center gap-1">
        <select
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-brand-700"
          value=""
          disabled={disabled || upstream.length === 0}
          data-testid="template-insert-variable"
          onChange={(event) => insert(event.target.value)}
        >
          <option value="">{'{x} Insert variable'}</option>
          {upstream.map((variable) => (
            <option key={selectorKey(variable.selector)} value={selectorKey(variable.selector)}>
              {variableLabel(variable)}
            </option>
          ))}
        </select>
        {references.map((key) => (
          <span
            key={key}
            data-testid={available.has(key) ? 'template-reference' : 'template-reference-missing'}
            title={available.has(key) ? undefined : 'Not an upstream output: connect that node before this one, or pick another variable'}
            className={`rounded px-1 font-mono text-[11px] ${available.has(key) ? 'bg-brand-50 text-brand-700' : 'bg-red-50 text-red-700'}`}
          >
            {key}
          </span>
        ))}
      </div>
    </div>
  );
}
