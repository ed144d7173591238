/** Compact pretty JSON for trace values; long values scroll inside a fixed height. */
export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  const text = value === undefined ? '—' : JSON.stringify(value, null, 2);
  return (
    <pre className="max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] leading-snug text-slate-700" data-testid={testId}>
      {text}
    </pre>
  );
}
