'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../../lib/describe-error';
import { formatDateTime } from '../../lib/format';
import { routes } from '../../lib/routes';
import { useTRPC } from '../../lib/trpc';
import { CopyButton } from '../../ui';
import { hasRole, useWorkspace } from '../session';
import { PageHeader } from '../shell';
import { ApiKeysSection } from './api-keys-section';
import { startVariablesOf } from './published-inputs';
import { SnippetTabs } from './snippet-tabs';
import { buildSnippets, exampleInputs, restEndpoint } from './snippets';

/** API access of one app: its REST endpoint, keys, and ready-to-run snippets for the published version. */
export function ApiAccessPage({ appId }: { appId: string }) {
  const trpc = useTRPC();
  const { workspaces } = useWorkspace();
  const app = useQuery(trpc.apps.get.queryOptions({ appId }));
  const versions = useQuery(trpc.versions.list.queryOptions({ appId }));
  const latest = versions.data?.[0];
  const version = useQuery(trpc.versions.get.queryOptions({ appId, number: latest?.number ?? 1 }, { enabled: latest !== undefined }));
  const [origin, setOrigin] = useState('');
  const [createdKey, setCreatedKey] = useState<string | undefined>(undefined);
  useEffect(() => setOrigin(window.location.origin), []);

  const role = workspaces.find((workspace) => workspace.id === app.data?.workspaceId)?.role ?? 'viewer';
  const inputs = useMemo(() => exampleInputs(startVariablesOf(version.data?.graph)), [version.data]);

  if (app.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (app.error) return <p className="text-sm text-red-600">{describeError(app.error)}</p>;
  const mode = app.data.mode;
  const snippets = buildSnippets({ origin, appId, mode, inputs, apiKey: createdKey });

  return (
    <div data-testid="api-access-page" className="flex flex-col gap-6">
      <PageHeader
        title={`API access · ${app.data.name}`}
        description={
          <>
            Dify-compatible REST API and an OpenAI-compatible endpoint for the published version.{' '}
            <Link className="text-brand-600 hover:underline" href={routes.app(appId)}>
              Open in editor
            </Link>
          </>
        }
      />
      {versions.data && versions.data.length === 0 ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="api-not-published">
          This app is not published yet: API calls are refused until you publish a version from the editor.
        </p>
      ) : latest ? (
        <p className="text-sm text-slate-600" data-testid="api-published-version">
          Serving version {latest.number}
          {latest.note ? ` (“${latest.note}”)` : ''}, published {formatDateTime(latest.createdAt)}.
        </p>
      ) : null}

      <section>
        <h2 className="mb-2 font-medium">Endpoint</h2>
        <div className="flex items-center gap-2">
          <code className="flex-1 rounded-md border border-slate-200 bg-white px-3 py-2 font-mono text-sm" data-testid="api-endpoint">
            POST {restEndpoint({ origin, mode })}
          </code>
          <CopyButton text={restEndpoint({ origin, mode })} data-testid="api-endpoint-copy" />
        </div>
        <p className="mt-1 text-xs text-slate-500">
          Also: <code>{origin}/v1/chat/completions</code> with <code>model: &quot;{appId}&quot;</code> for OpenAI clients. Authenticate with{' '}
          <code>Authorization: Bearer &lt;key&gt;</code>.
        </p>
      </section>

      <ApiKeysSection appId={appId} canManage={hasRole(role, 'admin')} onCreated={setCreatedKey} />

      <section>
        <h2 className="mb-2 font-medium">Examples</h2>
        <SnippetTabs snippets={snippets} />
        {createdKey && <p className="mt-1 text-xs text-amber-700">The examples include your new key; it disappears when you leave this page.</p>}
      </section>
    </div>
  );
}
