import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@weft/db';
import { testChatModelId } from '@weft/model-test-server';
import type { WorkflowInput } from '@weft/workflow-engine/spec';
import type { SecretBox } from '../../services/secret-box';
import { hashApiKey } from '../hash-api-key';
import { sealProviderSecret } from '../provider-secret';
import { uuidV7 } from '../uuid-v7';

type NodeSpec = [id: string, type: string, data: Record<string, unknown>];

export function graph(nodes: NodeSpec[], edges: [string, string][]): WorkflowInput {
  return {
    nodes: nodes.map(([id, type, data]) => ({ id, type, title: id.toUpperCase(), data })),
    edges: edges.map(([source, target]) => ({ id: `${source}->${target}`, source, target, sourceHandle: 'source' })),
  };
}

const modelId = `test:${testChatModelId}`;

/** start → llm (query, with memory) → answer: the chat app every REST test talks to. */
export function chatGraph(options: { cache?: boolean; variables?: Record<string, unknown>[] } = {}): WorkflowInput {
  return graph(
    [
      ['start', 'start', { variables: options.variables ?? [] }],
      [
        'llm',
        'llm',
        {
          model: { id: modelId },
          promptTemplate: [
            { role: 'system', text: 'You are a terse assistant.' },
            { role: 'user', text: '{{#sys.query#}}' },
          ],
          memory: { enabled: true, windowSize: 10 },
          ...(options.cache === false ? { cache: { enabled: false } } : {}),
        },
      ],
      ['answer', 'answer', { answer: 'Answer: {{#llm.text#}}' }],
    ],
    [
      ['start', 'llm'],
      ['llm', 'answer'],
    ],
  );
}

/** start(topic) → llm → end(text): the workflow app. */
export function workflowGraph(options: { cache?: boolean } = {}): WorkflowInput {
  return graph(
    [
      ['start', 'start', { variables: [{ variable: 'topic', label: 'Topic', type: 'text-input', required: true, maxLength: 200 }] }],
      [
        'llm',
        'llm',
        { model: { id: modelId }, promptTemplate: [{ role: 'user', text: 'Write about {{#start.topic#}}' }], ...(options.cache === false ? { cache: { enabled: false } } : {}) },
      ],
      ['end', 'end', { outputs: [{ variable: 'text', valueSelector: ['llm', 'text'] }] }],
    ],
    [
      ['start', 'llm'],
      ['llm', 'end'],
    ],
  );
}

export interface SeededApp {
  workspaceId: string;
  appId: string;
  versionId: string;
  /** The plaintext Bearer key. */
  apiKey: string;
  apiKeyId: string;
}

/** A workspace with the `test` provider pointing at the model test server (optional extra headers, e.g. latency). */
export async function seedWorkspace(
  prisma: PrismaClient,
  secrets: SecretBox,
  modelServerUrl: string,
  options: { headers?: Record<string, string>; name?: string } = {},
): Promise<string> {
  const workspace = await prisma.workspace.create({ data: { name: options.name ?? 'Test workspace' } });
  const credentialId = uuidV7();
  await prisma.providerCredential.create({
    data: {
      id: credentialId,
      workspaceId: workspace.id,
      name: 'test',
      kind: 'openai',
      baseUrl: modelServerUrl,
      encryptedSecret: sealProviderSecret(secrets, credentialId, 'sk-test'),
      headers: options.headers ?? {},
      limits: { maxRetries: 0 },
    },
  });
  return workspace.id;
}

/** An app with one published version and one API key. */
export async function seedApp(
  prisma: PrismaClient,
  workspaceId: string,
  options: { mode: 'workflow' | 'chatflow'; graph: WorkflowInput; name?: string },
): Promise<SeededApp> {
  const app = await prisma.app.create({
    data: { workspaceId, mode: options.mode, name: options.name ?? `${options.mode} app`, description: `A ${options.mode} for tests` },
  });
  await prisma.workflowDraft.create({ data: { appId: app.id, graph: options.graph as object } });
  const version = await prisma.workflowVersion.create({ data: { appId: app.id, number: 1, graph: options.graph as object, note: 'first' } });
  const { apiKey, apiKeyId } = await seedApiKey(prisma, app.id);
  return { workspaceId, appId: app.id, versionId: version.id, apiKey, apiKeyId };
}

export async function seedApiKey(prisma: PrismaClient, appId: string): Promise<{ apiKey: string; apiKeyId: string }> {
  const apiKey = `app-${randomBytes(24).toString('base64url')}`;
  const row = await prisma.apiKey.create({ data: { appId, keyHash: hashApiKey(apiKey), prefix: apiKey.slice(0, 8) } });
  return { apiKey, apiKeyId: row.id };
}
