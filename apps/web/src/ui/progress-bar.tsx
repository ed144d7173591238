export interface ProgressBarProps {
  /** 0..1; values outside are clamped. */
  value: number;
  label?: string;
  tone?: 'brand' | 'success' | 'danger';
  'data-testid'?: string;
}

const toneClasses = { brand: 'bg-brand-500', success: 'bg-emerald-500', danger: 'bg-red-500' } as const;

export function ProgressBar({ value, label, tone = 'brand', 'data-testid': testId }: ProgressBarProps) {
  const percent = Math.round(Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
      className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div className={`h-full transition-[width] duration-300 ${toneClasses[tone]}`} style={{ width: `${percent}%` }} />
    </div>
  );
}
