'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../lib/describe-error';
import { formatDateTime } from '../../lib/format';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { Badge, Button, ConfirmDialog, CopyButton, Dialog, EmptyState, Field, FormDialogActions, Input, QueryStates } from '../../ui';

type ApiKey = RouterOutputs['apiKeys']['list'][number];

export interface ApiKeysSectionProps {
  appId: string;
  canManage: boolean;
  /** The whole key right after creation (to show it in the snippets too). */
  onCreated: (key: string) => void;
}

/** The app's API keys: create (the whole key is shown once), list by prefix, revoke. */
export function ApiKeysSection({ appId, canManage, onCreated }: ApiKeysSectionProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions({ appId }));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [revealed, setRevealed] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey({ appId }) });
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: async (created) => {
        setNaming(false);
        setName('');
        setRevealed(created.key);
        onCreated(created.key);
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: async () => {
        setRevoking(null);
        await refresh();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ appId, name });
  };

  return (
    <section data-testid="api-keys">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-medium">API keys</h2>
        {canManage && (
          <Button size="sm" onClick={() => setNaming(true)} data-testid="create-api-key">
            Create key
          </Button>
        )}
      </div>
      <QueryStates
        query={keys}
        isEmpty={(list) => list.length === 0}
        empty={<EmptyState data-testid="api-keys-empty">No keys yet. Create one to call this app from your code.</EmptyState>}
      >
        {(list) => (
          <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">Key</th>
                <th className="px-3 py-2 font-medium">Name</th>
                <th className="px-3 py-2 font-medium">Created</th>
                <th className="px-3 py-2 font-medium">Last used</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {list.map((key) => (
                <tr key={key.id} data-testid="api-key-row" data-key-prefix={key.prefix} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-mono text-xs">{key.prefix}…</td>
                  <td className="px-3 py-2">{key.name || <span className="text-slate-400">—</span>}</td>
                  <td className="px-3 py-2 text-xs text-slate-500">{formatDateTime(key.createdAt)}</td>
                  <td className="px-3 py-2 text-xs text-slate-500">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'never'}</td>
                  <td className="px-3 py-2 text-right">
                    {key.revokedAt ? (
                      <Badge tone="danger" data-testid="api-key-revoked">
                        revoked {formatDateTime(key.revokedAt)}
                      </Badge>
                    ) : (
                      canManage && (
                        <Button variant="ghost-danger" size="sm" onClick={() => setRevoking(key)} data-testid="api-key-revoke">
                          Revoke
                        </Button>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryStates>

      <Dialog open={naming} onClose={() => setNaming(false)} title="Create an API key" data-testid="create-api-key-dialog">
        <form id="create-key-form" onSubmit={submit}>
          <Field label="Name (optional)" hint="Where it is used, e.g. “production backend”." error={create.error ? describeError(create.error) : undefined}>
            {(id) => <Input id={id} maxLength={100} value={name} onChange={(event) => setName(event.target.value)} data-testid="api-key-name" />}
          </Field>
        </form>
        <FormDialogActions form="create-key-form" submitLabel="Create" onCancel={() => setNaming(false)} busy={create.isPending} data-testid="create-api-key-submit" />
      </Dialog>

      <Dialog open={revealed !== null} onClose={() => setRevealed(null)} title="Your new API key" data-testid="api-key-created-dialog">
        <p className="text-sm text-slate-600">Copy it now: weft stores only a hash and will never show this key again.</p>
        <div className="flex items-center gap-2">
          <code className="flex-1 rounded-md bg-slate-100 px-2 py-1.5 font-mono text-xs break-all" data-testid="api-key-value">
            {revealed}
          </code>
          {revealed && <CopyButton text={revealed} data-testid="api-key-copy" />}
        </div>
        <div className="flex justify-end">
          <Button onClick={() => setRevealed(null)} data-testid="api-key-done">
            I have copied it
          </Button>
        </div>
      </Dialog>

      <ConfirmDialog
        open={revoking !== null}
        title="Revoke API key"
        confirmLabel="Revoke"
        busy={revoke.isPending}
        error={revoke.error ? describeError(revoke.error) : undefined}
        onConfirm={() => revoking && revoke.mutate({ appId, keyId: revoking.id })}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
      >
        Revoke <span className="font-mono">{revoking?.prefix}…</span>? Requests with it are refused from now on.
      </ConfirmDialog>
    </section>
  );
}
