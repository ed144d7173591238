import { createTRPCClient, httpLink } from '@trpc/client';
import type { Workflow } from '@weft/workflow-engine/spec';
import type { AppRouter } from '../src/lib/trpc';

export interface SeededDraft {
  appId: string;
  /** `name=value` of the owner's session cookie, to give the browser. */
  sessionCookie: { name: string; value: string };
  /** Compile problems the API reported for the saved graph (the bench wants none). */
  problemCount: number;
}

const owner = { email: 'bench@example.com', name: 'Bench Owner', password: 'bench password 1', workspaceName: 'Bench' };

/**
 * Through the builder's tRPC API over HTTP, as the browser would: signs up the first user on a fresh weft, creates a
 * workflow app and saves `graph` as its draft.
 */
export async function seedDraft(baseUrl: string, graph: Workflow): Promise<SeededDraft> {
  let cookie: { name: string; value: string } | undefined;
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: () => (cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {}),
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          for (const header of response.headers.getSetCookie()) {
            const match = /^([^=;\s]+)=([^;]*)/.exec(header);
            if (match?.[1] && match[2] !== undefined && match[2] !== '') cookie = { name: match[1], value: match[2] };
          }
          return response;
        },
      }),
    ],
  });

  const { workspace } = await client.auth.setup.mutate(owner);
  if (!cookie) throw new Error('seedDraft: auth.setup answered without a session cookie; is this a fresh weft?');
  const app = await client.apps.create.mutate({ workspaceId: workspace.id, mode: 'workflow', name: `Canvas bench ${graph.nodes.length} nodes` });
  const draft = await client.drafts.get.query({ appId: app.id });
  const saved = await client.drafts.save.mutate({ appId: app.id, graph, baseVersion: draft.version });
  return { appId: app.id, sessionCookie: cookie, problemCount: saved.problems.length };
}
