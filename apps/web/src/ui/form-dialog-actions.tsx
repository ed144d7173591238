'use client';

import { Button } from './button';

export interface FormDialogActionsProps {
  /** The id of the <form> the submit button belongs to (dialogs keep their buttons outside the form body). */
  form: string;
  submitLabel: string;
  onCancel: () => void;
  busy?: boolean;
  'data-testid'?: string;
}

/** Cancel + submit, right-aligned: the bottom row of every form dialog. */
export function FormDialogActions({ form, submitLabel, onCancel, busy = false, 'data-testid': testId }: FormDialogActionsProps) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" form={form} busy={busy} data-testid={testId}>
        {submitLabel}
      </Button>
    </div>
  );
}
