import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

const controlClasses =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/20 disabled:bg-slate-100 aria-invalid:border-red-500';

export type InputProps = InputHTMLAttributes<HTMLInputElement>;

export function Input({ className = '', ...rest }: InputProps) {
  return <input className={`${controlClasses} h-9 ${className}`} {...rest} />;
}

export type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement>;

export function TextArea({ className = '', ...rest }: TextAreaProps) {
  return <textarea className={`${controlClasses} ${className}`} {...rest} />;
}

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement>;

export function Select({ className = '', children, ...rest }: SelectProps) {
  return (
    <select className={`${controlClasses} h-9 ${className}`} {...rest}>
      {children}
    </select>
  );
}

export interface FieldProps {
  label: string;
  /** Shown under the control in red; also marks the control invalid for screen readers. */
  error?: string | undefined;
  hint?: ReactNode;
  /** Receives the generated id so label and control are linked. */
  children: (id: string) => ReactNode;
}

/** A labelled form row: label, the control, then a hint or an error. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      {children(id)}
      {error ? <p className="text-xs text-red-600">{error}</p> : hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}
