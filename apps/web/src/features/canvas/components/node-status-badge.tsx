import type { NodeRunStatus } from '../store/editor-state';

const statusStyle: Record<NodeRunStatus, { label: string; className: string }> = {
  running: { label: 'running', className: 'bg-brand-100 text-brand-700 animate-pulse' },
  succeeded: { label: 'succeeded', className: 'bg-emerald-100 text-emerald-800' },
  failed: { label: 'failed', className: 'bg-red-100 text-red-700' },
  skipped: { label: 'skipped', className: 'bg-slate-100 text-slate-500' },
  cached: { label: 'cached', className: 'bg-amber-100 text-amber-800' },
  cancelled: { label: 'cancelled', className: 'bg-slate-200 text-slate-600' },
};

export const statusRingClass: Record<NodeRunStatus, string> = {
  running: 'ring-2 ring-brand-500',
  succeeded: 'ring-2 ring-emerald-500',
  failed: 'ring-2 ring-red-500',
  skipped: 'opacity-60',
  cached: 'ring-2 ring-amber-400',
  cancelled: 'ring-2 ring-slate-400',
};

export function NodeStatusBadge({ status }: { status: NodeRunStatus }) {
  const style = statusStyle[status];
  return (
    <span data-testid="node-status" data-status={status} className={`rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase ${style.className}`}>
      {style.label}
    </span>
  );
}
