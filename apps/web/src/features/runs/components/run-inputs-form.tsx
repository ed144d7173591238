'use client';
import { useState, type FormEvent } from 'react';
import { readStartDraft, type StartVariableDraft } from '../../../node-ui';
import { Button } from '../../../ui';

const inputClass = 'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500 focus:outline-none';

/** Turns the form's text into the value the start node expects (numbers, booleans, JSON objects). */
export function coerceInput(variable: StartVariableDraft, raw: string | boolean): unknown {
  if (typeof raw === 'boolean') return raw;
  if (raw === '') return undefined;
  if (variable.type === 'number') return Number(raw);
  if (variable.type === 'json') {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

interface RunInputsFormProps {
  startConfig: Record<string, unknown> | undefined;
  running: boolean;
  onRun(inputs: Record<string, unknown>): void;
  onStop(): void;
}

/** One field per start variable; files are not supported in the debugger yet. */
export function RunInputsForm({ startConfig, running, onRun, onStop }: RunInputsFormProps) {
  const variables = startConfig ? readStartDraft(startConfig).variables : [];
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const inputs: Record<string, unknown> = {};
    for (const variable of variables) {
      const value = coerceInput(variable, values[variable.variable] ?? '');
      if (value !== undefined) inputs[variable.variable] = value;
    }
    onRun(inputs);
  };
  return (
    <form className="flex flex-col gap-2" onSubmit={submit} data-testid="run-inputs-form">
      {variables.map((variable) => {
        const name = variable.variable;
        const value = values[name] ?? (variable.type === 'checkbox' ? false : '');
        const set = (next: string | boolean) => setValues((current) => ({ ...current, [name]: next }));
        const testId = `run-input-${name}`;
        return (
          <label key={name} className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {variable.label || name}
            {variable.required ? <span className="text-red-500"> *</span> : null}
            {variable.type === 'paragraph' || variable.type === 'json' ? (
              <textarea className={inputClass} rows={3} value={String(value)} data-testid={testId} onChange={(event) => set(event.target.value)} />
            ) : variable.type === 'select' ? (
              <select className={inputClass} value={String(value)} data-testid={testId} onChange={(event) => set(event.target.value)}>
                <option value="">—</option>
                {(variable.options ?? []).map((option) => (
                  <option key={option}>{option}</option>
                ))}
              </select>
            ) : variable.type === 'checkbox' ? (
              <input type="checkbox" checked={value === true} data-testid={testId} onChange={(event) => set(event.target.checked)} />
            ) : variable.type === 'file' || variable.type === 'file-list' ? (
              <span className="text-slate-400">File inputs can be tested through the API.</span>
            ) : (
              <input className={inputClass} type={variable.type === 'number' ? 'number' : 'text'} value={String(value)} data-testid={testId} onChange={(event) => set(event.target.value)} />
            )}
          </label>
        );
      })}
      <div className="flex gap-2">
        <Button type="submit" size="sm" busy={running} data-testid="run-start">
          ▶ Run
        </Button>
        {running ? (
          <Button size="sm" variant="secondary" onClick={onStop} data-testid="run-stop">
            Stop
          </Button>
        ) : null}
      </div>
    </form>
  );
}
