'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError, fieldErrorsOf } from '../../lib/describe-error';
import { useTRPC } from '../../lib/trpc';
import { Dialog, Field, FormDialogActions, Input, Select, useToast } from '../../ui';
import type { WorkspaceRole } from '../session';
import { assignableRoles, roleDescriptions } from './roles';

/**
 * weft sends no email: for someone without an account, the admin sets an initial password and passes it on.
 * For an existing account the password is ignored.
 */
export function AddMemberDialog({ workspaceId, myRole, open, onClose }: { workspaceId: string; myRole: WorkspaceRole; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: '', name: '', password: '', role: 'editor' as WorkspaceRole });
  const add = useMutation(
    trpc.members.add.mutationOptions({
      onSuccess: async (member) => {
        await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey({ workspaceId }) });
        toast.success(member.createdUser ? `Account created for ${member.email}: give them the password you set.` : `${member.email} joined as ${member.role}.`);
        setForm({ email: '', name: '', password: '', role: 'editor' });
        onClose();
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({
      workspaceId,
      email: form.email,
      role: form.role,
      ...(form.name.trim() !== '' ? { name: form.name } : {}),
      ...(form.password !== '' ? { password: form.password } : {}),
    });
  };
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((current) => ({ ...current, [key]: event.target.value }));

  return (
    <Dialog open={open} onClose={onClose} title="Add a member" data-testid="add-member-dialog">
      <form id="add-member-form" onSubmit={submit} className="flex flex-col gap-3">
        <Field label="Email" error={fieldErrors.email}>
          {(id) => <Input id={id} type="email" required value={form.email} onChange={set('email')} data-testid="member-email" />}
        </Field>
        <Field label="Role" error={fieldErrors.role} hint={roleDescriptions[form.role]}>
          {(id) => (
            <Select id={id} value={form.role} onChange={set('role')} data-testid="member-role">
              {assignableRoles(myRole).map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Name (new accounts)" error={fieldErrors.name}>
          {(id) => <Input id={id} value={form.name} onChange={set('name')} data-testid="member-name" />}
        </Field>
        <Field label="Initial password (new accounts)" error={fieldErrors.password} hint="At least 8 characters. Not needed if they already have an account.">
          {(id) => <Input id={id} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} data-testid="member-password" />}
        </Field>
        {add.error && Object.keys(fieldErrors).length === 0 && (
          <p className="text-sm text-red-600" data-testid="add-member-error">
            {describeError(add.error)}
          </p>
        )}
      </form>
      <FormDialogActions form="add-member-form" submitLabel="Add" onCancel={onClose} busy={add.isPending} data-testid="add-member-submit" />
    </Dialog>
  );
}
