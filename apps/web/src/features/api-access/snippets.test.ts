import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildSnippets, exampleInputs, restEndpoint, shellQuote } from './snippets';

const context = { origin: 'http://127.0.0.1:3000', appId: 'app_1', mode: 'chatflow' as const, inputs: { topic: "it's tides" } };

describe('shellQuote', () => {
  it('survives a real shell, quotes included', () => {
    const text = `{"a":"it's","b":"$HOME \`x\`"}`;
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' })).toBe(text);
  });
});

describe('buildSnippets', () => {
  it('posts a chat message to the chat endpoint with the key, and the body parses back as sent', () => {
    const curl = buildSnippets({ ...context, apiKey: 'app-secret' }).find((snippet) => snippet.id === 'curl')!.code;
    expect(curl).toContain("'http://127.0.0.1:3000/v1/chat-messages'");
    expect(curl).toContain("'Authorization: Bearer app-secret'");
    const bodyArgument = curl.slice(curl.indexOf('-d ') + 3);
    const body = JSON.parse(execFileSync('sh', ['-c', `printf %s ${bodyArgument}`], { encoding: 'utf8' }));
    expect(body).toEqual({ inputs: { topic: "it's tides" }, query: 'Hello!', response_mode: 'blocking', user: 'user-123' });
  });

  it('runs workflows on /v1/workflows/run and uses a placeholder until a key exists', () => {
    const snippets = buildSnippets({ ...context, mode: 'workflow' });
    expect(restEndpoint({ origin: context.origin, mode: 'workflow' })).toBe('http://127.0.0.1:3000/v1/workflows/run');
    expect(snippets.find((snippet) => snippet.id === 'curl')!.code).toContain('YOUR_APP_API_KEY');
    expect(snippets.find((snippet) => snippet.id === 'dify-client')!.code).toContain('runWorkflow(');
    expect(snippets.find((snippet) => snippet.id === 'openai')!.code).toContain("model: 'app_1'");
  });
});

describe('exampleInputs', () => {
  it('gives each input type an editable example, prefers defaults and skips files', () => {
    const inputs = exampleInputs([
      { variable: 'topic', type: 'text-input', required: true, label: 'Topic' },
      { variable: 'tone', type: 'select', required: false, options: ['calm', 'loud'] },
      { variable: 'count', type: 'number', required: false, default: 3 },
      { variable: 'strict', type: 'checkbox', required: false },
      { variable: 'doc', type: 'file', required: false },
    ]);
    expect(inputs).toEqual({ topic: 'your Topic', tone: 'calm', count: 3, strict: true });
  });
});
