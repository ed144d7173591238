import { Badge, type BadgeTone } from '../../ui';

const toneByStatus: Record<string, BadgeTone> = { running: 'info', succeeded: 'success', failed: 'danger', cancelled: 'warning' };

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={toneByStatus[status] ?? 'neutral'} data-testid="run-status">
      {status}
    </Badge>
  );
}
