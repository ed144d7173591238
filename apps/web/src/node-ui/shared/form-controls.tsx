'use client';
import { createContext, useContext, useId, type ReactNode } from 'react';
import type { FieldIssues } from '../node-ui-types';

const noIssues: FieldIssues = new Map();
const FieldIssuesContext = createContext<FieldIssues>(noIssues);

/** Makes a panel's problems (schema issues, compile problems) visible to the fields they are on. */
export const FieldIssuesProvider = FieldIssuesContext.Provider;

const inputClass =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 outline-none focus:border-brand-500 focus:ring-1 focus:ring-brand-500 disabled:bg-slate-100';

export function fieldTestId(path: string): string {
  return `field-${path.replaceAll('.', '-')}`;
}

interface FieldProps {
  label: string;
  /** Path of the value inside the node's data, e.g. `promptTemplate.0.text`; problems are matched on it. */
  path: string;
  hint?: string;
  children: (id: string) => ReactNode;
}

/** A labelled field; shows the problem recorded for its path, and is the target of "focus this field". */
export function Field({ label, path, hint, children }: FieldProps) {
  const id = useId();
  const issue = useContext(FieldIssuesContext).get(path);
  return (
    <div className="flex flex-col gap-1" data-field-path={path} data-testid={fieldTestId(path)}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children(id)}
      {hint !== undefined && issue === undefined ? <p className="text-xs text-slate-400">{hint}</p> : null}
      {issue !== undefined ? (
        <p className="text-xs text-red-600" data-testid="field-issue" role="alert">
          {issue}
        </p>
      ) : null}
    </div>
  );
}

interface InputProps<T> {
  id?: string;
  value: T;
  onChange(value: T): void;
  disabled?: boolean;
  placeholder?: string;
  testId?: string;
}

export function TextInput({ id, value, onChange, disabled, placeholder, testId, list }: InputProps<string> & { list?: string }) {
  return (
    <input
      id={id}
      list={list}
      className={inputClass}
      value={value}
      disabled={disabled}
      placeholder={placeholder}
      data-testid={testId}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** Empty text means "not set" (undefined). */
export function NumberInput({ id, value, onChange, disabled, placeholder, testId, min, max, step }: InputProps<number | undefined> & { min?: number; max?: number; step?: number }) {
  return (
    <input
      id={id}
      type="number"
      className={inputClass}
      value={value ?? ''}
      min={min}
      max={max}
      step={step}
      disabled={disabled}
      placeholder={placeholder}
      data-testid={testId}
      onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
    />
  );
}

export function SelectInput<T extends string>({ id, value, onChange, disabled, testId, options }: InputProps<T> & { options: readonly { value: T; label: string }[] }) {
  return (
    <select
      id={id}
      className={inputClass}
      value={value}
      disabled={disabled}
      data-testid={testId}
      onChange={(event) => {
        const chosen = options.find((option) => option.value === event.target.value);
        if (chosen) onChange(chosen.value);
      }}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export function Toggle({ id, value, onChange, disabled, testId, label }: InputProps<boolean> & { label: string }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input id={id} type="checkbox" checked={value} disabled={disabled} data-testid={testId} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}

export function SmallButton({ children, onClick, disabled, testId, tone = 'plain' }: { children: ReactNode; onClick(): void; disabled?: boolean; testId?: string; tone?: 'plain' | 'danger' }) {
  const toneClass = tone === 'danger' ? 'text-red-600 hover:bg-red-50' : 'text-brand-600 hover:bg-brand-50';
  return (
    <button type="button" className={`rounded px-2 py-0.5 text-xs font-medium disabled:opacity-40 ${toneClass}`} onClick={onClick} disabled={disabled} data-testid={testId}>
      {children}
    </button>
  );
}

export function PanelSection({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="flex flex-col gap-2 border-t border-slate-200 pt-3">
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function TextArea({ id, value, onChange, disabled, placeholder, testId, rows = 4 }: InputProps<string> & { rows?: number }) {
  return (
    <textarea
      id={id}
      rows={rows}
      className={`${inputClass} font-mono text-xs`}
      value={value}
      disabled={disabled}
      placeholder={placeholder}
      data-testid={testId}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
