'use client';
import { selectorKey } from '@weft/workflow-engine/spec';
import type { UpstreamVariable } from '../node-ui-types';

const inputClass = 'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:border-brand-500 disabled:bg-slate-100';

export function variableLabel(variable: UpstreamVariable): string {
  return `${variable.sourceTitle} · ${variable.field} (${variable.type})`;
}

interface VariablePickerProps {
  id?: string;
  value: readonly string[] | undefined;
  onChange(selector: string[] | undefined): void;
  upstream: UpstreamVariable[];
  disabled?: boolean;
  testId?: string;
  /** Offer "none" (clears the value). */
  optional?: boolean;
}

/**
 * Picks a variable from upstream nodes' declared outputs only. A stored selector that is no longer upstream stays
 * visible as "missing" so the user sees what to fix instead of it silently changing.
 */
export function VariablePicker({ id, value, onChange, upstream, disabled, testId, optional }: VariablePickerProps) {
  const current = value === undefined ? '' : selectorKey(value);
  const known = upstream.some((variable) => selectorKey(variable.selector) === current);
  return (
    <select
      id={id}
      className={inputClass}
      value={current}
      disabled={disabled}
      data-testid={testId ?? 'variable-picker'}
      onChange={(event) => {
        const chosen = upstream.find((variable) => selectorKey(variable.selector) === event.target.value);
        onChange(chosen ? [...chosen.selector] : undefined);
      }}
    >
      {current === '' || optional ? <option value="">{optional ? '— none —' : 'Pick a variable…'}</option> : null}
      {current !== '' && !known ? <option value={current}>{`missing: ${current}`}</option> : null}
      {upstream.map((variable) => {
        const key = selectorKey(variable.selector);
        return (
          <option key={key} value={key}>
            {variableLabel(variable)}
          </option>
        );
      })}
    </select>
  );
}
