'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error';
import { formatDateTime } from '../../lib/format';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { Button, ConfirmDialog, QueryStates, Select, useToast } from '../../ui';
import { hasRole, useWorkspace, type WorkspaceRole } from '../session';
import { AddMemberDialog } from './add-member-dialog';
import { assignableRoles } from './roles';

type Member = RouterOutputs['members']['list'][number];

/** Members of the workspace and their roles; admins add, re-role and remove (owners only touch owners). */
export function MembersSettings() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { workspace, user } = useWorkspace();
  const isAdmin = hasRole(workspace.role, 'admin');
  const listKey = trpc.members.list.queryKey({ workspaceId: workspace.id });
  const members = useQuery(trpc.members.list.queryOptions({ workspaceId: workspace.id }));
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey }),
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: listKey });
        setRemoving(null);
      },
    }),
  );
  const canManage = (member: Member) => isAdmin && (member.role !== 'owner' || workspace.role === 'owner');

  return (
    <section data-testid="members-settings">
      <div className="mb-3 flex items-center justify-between">
        <p className="text-sm text-slate-500">Who can see and change this workspace.</p>
        {isAdmin && (
          <Button onClick={() => setAdding(true)} data-testid="add-member">
            Add member
          </Button>
        )}
      </div>
      <QueryStates
        query={members}
      >
        {(list) => (
          <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">Member</th>
                <th className="px-3 py-2 font-medium">Role</th>
                <th className="px-3 py-2 font-medium">Joined</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {list.map((member) => (
                <tr key={member.userId} data-testid="member-row" data-member-email={member.email} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <div className="font-medium">
                      {member.name} {member.userId === user.id && <span className="text-xs text-slate-400">(you)</span>}
                    </div>
                    <div className="text-xs text-slate-500">{member.email}</div>
                  </td>
                  <td className="px-3 py-2">
                    {canManage(member) ? (
                      <Select
                        aria-label={`Role of ${member.email}`}
                        className="w-32"
                        value={member.role}
                        disabled={changeRole.isPending}
                        onChange={(event) => changeRole.mutate({ workspaceId: workspace.id, userId: member.userId, role: event.target.value as WorkspaceRole })}
                        data-testid="member-role-select"
                      >
                        {assignableRoles(workspace.role).map((role) => (
                          <option key={role} value={role}>
                            {role}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <span data-testid="member-role-label">{member.role}</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-500">{formatDateTime(member.joinedAt)}</td>
                  <td className="px-3 py-2 text-right">
                    {canManage(member) && member.userId !== user.id && (
                      <Button variant="ghost-danger" size="sm" onClick={() => setRemoving(member)} data-testid="member-remove">
                        Remove
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryStates>
      <AddMemberDialog workspaceId={workspace.id} myRole={workspace.role} open={adding} onClose={() => setAdding(false)} />
      <ConfirmDialog
        open={removing !== null}
        title="Remove member"
        confirmLabel="Remove"
        busy={remove.isPending}
        error={remove.error ? describeError(remove.error) : undefined}
        onConfirm={() => removing && remove.mutate({ workspaceId: workspace.id, userId: removing.userId })}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        Remove <strong>{removing?.email}</strong> from {workspace.name}? Their account stays; they lose access to this workspace.
      </ConfirmDialog>
    </section>
  );
}
