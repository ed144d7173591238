'use client';

import type { ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  error?: string | undefined;
  onConfirm: () => void;
  onClose: () => void;
  'data-testid'?: string;
}

/** "Are you sure" for destructive actions; the confirm button is red. */
export function ConfirmDialog({ open, title, children, confirmLabel, busy, error, onConfirm, onClose, 'data-testid': testId }: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title} data-testid={testId}>
      <div className="text-sm text-slate-600">{children}</div>
      {error && <p className="text-sm text-red-600">{error}</p>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" busy={busy} onClick={onConfirm} data-testid="confirm-submit">
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
