export { Badge, type BadgeProps, type BadgeTone } from './badge';
export { Button, type ButtonProps, type ButtonSize, type ButtonVariant } from './button';
export { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog';
export { CopyButton, type CopyButtonProps } from './copy-button';
export { Dialog, type DialogProps } from './dialog';
export { FormDialogActions, type FormDialogActionsProps } from './form-dialog-actions';
export { Field, Input, Select, TextArea, type FieldProps, type InputProps, type SelectProps, type TextAreaProps } from './input';
export { ProgressBar, type ProgressBarProps } from './progress-bar';
export { ToastProvider, useToast, type Toast, type ToastApi, type ToastTone } from './toast';
