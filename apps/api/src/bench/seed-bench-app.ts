import { testChatModelId } from '@weft/model-test-server';
import type { WorkflowInput } from '@weft/workflow-engine/spec';
import { parseEnv } from '../env';
import { createAppServices } from '../services/app-services';
import { createTestLogger } from '../test-support/test-logger';
import { createTrpcContext } from '../trpc/context';
import { appRouter } from '../trpc/router';
import { sessionCookieName } from '../trpc/session-cookie';

/** The benchmark app: start → template-transform → llm → answer, on the model test server. */
export function benchChatGraph(providerName: string): WorkflowInput {
  const node = (id: string, type: string, data: Record<string, unknown>) => ({ id, type, title: id, data });
  const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source' });
  return {
    nodes: [
      node('start', 'start', { variables: [] }),
      node('prompt', 'template-transform', {
        template: 'Answer in one short sentence: {{ question }}',
        variables: [{ variable: 'question', valueSelector: ['sys', 'query'] }],
      }),
      node('llm', 'llm', {
        model: { id: `${providerName}:${testChatModelId}` },
        promptTemplate: [{ role: 'user', text: '{{#prompt.output#}}' }],
      }),
      node('answer', 'answer', { answer: '{{#llm.text#}}' }),
    ],
    edges: [edge('start', 'prompt'), edge('prompt', 'llm'), edge('llm', 'answer')],
  };
}

/**
 * Sets weft up as a person would through the builder API (first user, provider, chat app, draft, publish, API
 * key), via `appRouter.createCaller` on the embedded database in `dataDir`, then closes it so the server process
 * can open it. Returns the published app's Bearer key.
 */
export async function seedBenchApp(options: {
  dataDir: string;
  modelServerUrl: string;
  /** Server mode instead of the embedded default. */
  databaseUrl?: string;
}): Promise<{ appId: string; apiKey: string }> {
  const env = parseEnv({ WEFT_DATA_DIR: options.dataDir, WEFT_LOG_LEVEL: 'warn', ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}) });
  const services = await createAppServices(env, {
    logger: createTestLogger().logger,
  });
  try {
    let cookie: string | undefined;
    const caller = appRouter.createCaller(() =>
      createTrpcContext({
        req: { headers: cookie === undefined ? {} : { cookie } },
        res: {
          getHeader: () => undefined,
          setHeader: (name, value) => {
            const first = Array.isArray(value) ? value[0] : String(value);
            if (name.toLowerCase() === 'set-cookie' && first?.startsWith(`${sessionCookieName}=`)) cookie = first.split(';')[0];
          },
        },
        services,
      }),
    );
    const { workspace } = await caller.auth.setup({ email: 'bench@example.com', name: 'Bench', password: 'bench-password-1', workspaceName: 'Bench' });
    const providerName = 'bench';
    await caller.providers.create({
      workspaceId: workspace.id,
      name: providerName,
      kind: 'openai',
      baseUrl: options.modelServerUrl,
      apiKey: 'sk-bench-test-model',
    });
    const app = await caller.apps.create({ workspaceId: workspace.id, mode: 'chatflow', name: 'Bench chat' });
    const draft = await caller.drafts.get({ appId: app.id });
    const saved = await caller.drafts.save({ appId: app.id, graph: benchChatGraph(providerName), baseVersion: draft.version });
    if (saved.problems.length > 0) throw new Error(`The bench graph does not compile: ${JSON.stringify(saved.problems)}`);
    await caller.versions.publish({ appId: app.id, note: 'bench' });
    const { key } = await caller.apiKeys.create({ appId: app.id, name: 'bench' });
    return { appId: app.id, apiKey: key };
  } finally {
    await services.close();
  }
}
