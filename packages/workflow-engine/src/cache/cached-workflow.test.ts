import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelRegistry } from '@weft/llm-gateway';
import { replyPrefix, startModelTestServer, type ModelTestServer } from '@weft/model-test-server';
import { builtinNodes } from '../nodes';
import { compile, execute } from '../runtime';
import { createNodeRegistry, type ModelProvider, type RunEvent } from '../spec';
import { cacheRegistry } from './cache-registry';
import { createCacheStats } from './cache-stats';
import { createMemoryStore } from './memory-store';

let server: ModelTestServer;
let models: ModelProvider;

beforeAll(async () => {
  server = await startModelTestServer({ latencyMs: 60, chunkCount: 4 });
  models = createModelRegistry({ providers: [{ name: 'test', kind: 'openai', baseURL: server.url, apiKey: 'test', limits: { maxRetries: 0 } }] });
});
afterAll(async () => {
  await server.close();
});

const workflow = {
  nodes: [
    { id: 'start', type: 'start', data: { variables: [{ variable: 'topic', type: 'text-input', required: true }] } },
    { id: 'llm', type: 'llm', data: { model: { id: 'test:any-model' }, promptTemplate: [{ role: 'user', text: 'Tell me about {{#start.topic#}}' }] } },
    { id: 'end', type: 'end', data: { outputs: [{ variable: 'answer', valueSelector: ['llm', 'text'] }] } },
  ],
  edges: [
    { source: 'start', target: 'llm' },
    { source: 'llm', target: 'end' },
  ],
};

async function collect(execution: AsyncIterable<RunEvent>): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const event of execution) events.push(event);
  return events;
}

describe('a workflow with a cached llm node (real runtime, real HTTP model server)', () => {
  it('runs the llm once for 100 concurrent identical runs; the others report it cached with the same stream', async () => {
    const stats = createCacheStats();
    const registry = cacheRegistry(createNodeRegistry(builtinNodes), createMemoryStore({ maxBytes: 10_000_000 }), {}, { stats });
    const compiled = compile(workflow, registry);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    server.resetStats();

    const executions = Array.from({ length: 100 }, (_, index) => execute(compiled.plan, { inputs: { topic: index % 2 === 0 ? 'weft' : '  WEFT ' } }, { models }));
    const runs = await Promise.all(executions.map(async (execution) => ({ events: await collect(execution), result: await execution.result })));

    expect(server.stats.chatRequests).toBe(1);
    const llmStatuses = runs.map(({ events }) => events.find((event) => event.type === 'node-finished' && event.nodeId === 'llm'));
    expect(llmStatuses.filter((event) => event?.type === 'node-finished' && event.status === 'succeeded')).toHaveLength(1);
    expect(llmStatuses.filter((event) => event?.type === 'node-finished' && event.status === 'cached')).toHaveLength(99);

    const expected = `${replyPrefix}Tell me about weft`;
    for (const { events, result } of runs) {
      expect(result.status).toBe('succeeded');
      expect(result.outputs.answer).toBe(expected);
      const chunks = events.filter((event) => event.type === 'text-chunk' && event.nodeId === 'llm').map((event) => (event.type === 'text-chunk' ? event.text : ''));
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('')).toBe(expected);
    }
    const cachedRun = runs.find(({ result }) => result.cachedNodeIds.includes('llm'));
    expect(cachedRun?.result.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(stats.misses).toBe(1);
    expect(stats.stampedeJoins + stats.hits.l1).toBe(99);
  });
});
