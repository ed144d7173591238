import type { StartVariable } from '@weft/workflow-engine/nodes';

export type AppMode = 'workflow' | 'chatflow';

export interface SnippetContext {
  /** The site's origin, e.g. `https://weft.example.com`; the REST API lives under `/v1`. */
  origin: string;
  appId: string;
  mode: AppMode;
  /** Example values for the start node's inputs. */
  inputs: Record<string, unknown>;
  /** The freshly created key, or undefined to show a placeholder. */
  apiKey?: string | undefined;
}

export interface Snippet {
  id: 'curl' | 'dify-client' | 'openai';
  label: string;
  code: string;
}

export const apiKeyPlaceholder = 'YOUR_APP_API_KEY';
const exampleUser = 'user-123';
const exampleQuery = 'Hello!';

/** A value a reader can recognise and edit for each start-variable type; files are left out (upload first). */
export function exampleInputs(variables: readonly StartVariable[]): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const variable of variables) {
    if (variable.default !== undefined) {
      inputs[variable.variable] = variable.default;
      continue;
    }
    switch (variable.type) {
      case 'text-input':
      case 'paragraph':
        inputs[variable.variable] = `your ${variable.label ?? variable.variable}`.slice(0, variable.maxLength ?? 200);
        break;
      case 'select':
        inputs[variable.variable] = variable.options?.[0] ?? '';
        break;
      case 'number':
        inputs[variable.variable] = 1;
        break;
      case 'checkbox':
        inputs[variable.variable] = true;
        break;
      case 'json':
        inputs[variable.variable] = {};
        break;
      case 'file':
      case 'file-list':
        break;
    }
  }
  return inputs;
}

/** Wraps text in single quotes for a POSIX shell (a quote inside becomes '\''). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function restBody({ mode, inputs }: SnippetContext): Record<string, unknown> {
  return mode === 'chatflow'
    ? { inputs, query: exampleQuery, response_mode: 'blocking', user: exampleUser }
    : { inputs, response_mode: 'blocking', user: exampleUser };
}

export function restEndpoint(context: Pick<SnippetContext, 'origin' | 'mode'>): string {
  return `${context.origin}/v1/${context.mode === 'chatflow' ? 'chat-messages' : 'workflows/run'}`;
}

/** curl, the official `dify-client` SDK and the `openai` SDK, all against this weft app. */
export function buildSnippets(context: SnippetContext): Snippet[] {
  const key = context.apiKey ?? apiKeyPlaceholder;
  const baseUrl = `${context.origin}/v1`;
  const inputsJson = JSON.stringify(context.inputs);
  const curl = [
    `curl -X POST ${shellQuote(restEndpoint(context))} \\`,
    `  -H ${shellQuote(`Authorization: Bearer ${key}`)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(restBody(context)))}`,
  ].join('\n');
  const dify =
    context.mode === 'chatflow'
      ? [
          `import { ChatClient } from 'dify-client';`,
          ``,
          `const client = new ChatClient('${key}', '${baseUrl}');`,
          `const response = await client.createChatMessage(${inputsJson}, '${exampleQuery}', '${exampleUser}', false, null);`,
          `console.log(response.data.answer);`,
        ].join('\n')
      : [
          `import { CompletionClient } from 'dify-client';`,
          ``,
          `const client = new CompletionClient('${key}', '${baseUrl}');`,
          `const response = await client.runWorkflow(${inputsJson}, '${exampleUser}', false);`,
          `console.log(response.data.data.outputs);`,
        ].join('\n');
  const openai = [
    `import OpenAI from 'openai';`,
    ``,
    `const client = new OpenAI({ apiKey: '${key}', baseURL: '${baseUrl}' });`,
    `const completion = await client.chat.completions.create({`,
    `  model: '${context.appId}',`,
    `  messages: [{ role: 'user', content: '${exampleQuery}' }],`,
    `});`,
    `console.log(completion.choices[0].message.content);`,
  ].join('\n');
  return [
    { id: 'curl', label: 'curl', code: curl },
    { id: 'dify-client', label: 'Node (dify-client)', code: dify },
    { id: 'openai', label: 'OpenAI SDK', code: openai },
  ];
}
