import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EngineError } from '../spec/errors';
import type { RunEvent } from '../spec/events';
import { createNodeRegistry, defineNode, type NodeContext, type NodeDefinition } from '../spec/node';
import { compile } from './compile';
import { execute, runToCompletion } from './execute';
import type { Plan } from './plan';
import { graph, type EdgeSpec, type NodeSpec } from './test-support/graph';
import { createTestNodes } from './test-support/test-nodes';

function planOf(nodes: NodeSpec[], edges: EdgeSpec[], extra: NodeDefinition[] = []): Plan {
  const registry = createNodeRegistry([...createTestNodes().definitions, ...extra]);
  const result = compile(graph(nodes, edges), registry);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.plan;
}

/** Calls `body` with the node's ctx and returns what it returns as outputs. */
const probeNode = (body: (ctx: NodeContext, inputs: Readonly<Record<string, unknown>>) => unknown): NodeDefinition =>
  defineNode({
    type: 'probe',
    version: 1,
    config: z.object({ reads: z.array(z.array(z.string()).min(2)).default([]) }),
    outputs: () => [{ name: 'value', type: 'any' }],
    references: (config) => config.reads,
    run: async ({ ctx, inputs }) => ({ outputs: { value: await body(ctx, inputs) } }),
  });

describe('execute: events and result', () => {
  const plan = planOf(
    [['s', 'start', { variables: ['name'] }], ['e', 'echo', { values: { name: ['s', 'name'] } }], ['end', 'end', { outputs: [{ variable: 'name', valueSelector: ['e', 'name'] }] }]],
    [['s', 'e'], ['e', 'end']],
  );

  it('buffers events whether or not anyone iterates, and every iteration replays them all', async () => {
    const execution = execute(plan, { inputs: { name: 'Ada' } });
    const result = await execution.result;
    const first: RunEvent[] = [];
    for await (const event of execution) first.push(event);
    const second: RunEvent[] = [];
    for await (const event of execution) second.push(event);
    expect(first.map((event) => event.type)).toEqual([
      'run-started', 'node-started', 'node-finished', 'node-started', 'node-finished', 'node-started', 'node-finished', 'run-finished',
    ]);
    expect(second).toEqual(first);
    expect(result).toMatchObject({ runId: execution.runId, status: 'succeeded', outputs: { name: 'Ada' } });
    expect(first.every((event) => event.runId === execution.runId)).toBe(true);
    const echoed = first.find((event) => event.type === 'node-finished' && event.nodeId === 'e');
    expect(echoed).toMatchObject({ inputs: { 's.name': 'Ada' }, outputs: { name: 'Ada' }, nodeType: 'echo', title: 'e', retries: 0 });
  });

  it('uses the caller-given run id and clock', async () => {
    let now = 1_000;
    const result = await runToCompletion(plan, { inputs: {} }, { runId: 'run-42', clock: { now: () => (now += 5) } });
    expect(result.runId).toBe('run-42');
    expect(result.elapsedMs).toBeGreaterThan(0);
    expect(result.elapsedMs % 5).toBe(0);
  });

  it('never rejects: a thrown string or a malformed result becomes a failed run', async () => {
    const thrower = planOf([['s', 'start'], ['p', 'probe']], [['s', 'p']], [probeNode(() => Promise.reject('plain string'))]);
    const thrown = await runToCompletion(thrower, { inputs: {} });
    expect(thrown).toMatchObject({ status: 'failed', error: { code: 'node_failed', nodeId: 'p', message: 'Node "p" failed: plain string' } });

    const broken = defineNode({ ...probeNode(() => 1), run: async () => undefined as never });
    const malformed = await runToCompletion(planOf([['s', 'start'], ['p', 'probe']], [['s', 'p']], [broken]), { inputs: {} });
    expect(malformed.status).toBe('failed');
    expect(malformed.error?.message).toMatch(/returned no outputs object/);
  });

  it('keeps a run error code the node threw (invalid_input) and node_failed for foreign codes', async () => {
    const invalid = probeNode(() => {
      throw new EngineError({ code: 'invalid_input', message: 'Input "name" is required. Fill it in.' });
    });
    const result = await runToCompletion(planOf([['s', 'start'], ['p', 'probe']], [['s', 'p']], [invalid]), { inputs: {} });
    expect(result.error).toMatchObject({ code: 'invalid_input', nodeId: 'p' });
    expect(result.nodes['p']?.error).toMatchObject({ code: 'invalid_input' });
  });
});

describe('execute: variables', () => {
  it('resolves node outputs with paths, sys (with the run id), env and conversation; skipped nodes give undefined', async () => {
    const seen: Record<string, unknown>[] = [];
    const probe = probeNode((_ctx, inputs) => seen.push({ ...inputs }));
    const reads = [['s', 'doc', 'items', '1', 'name'], ['s', 'doc', 'missing'], ['sys', 'query'], ['sys', 'workflow_run_id'], ['env', 'REGION'], ['conversation', 'turns'], ['skipped', 'x']];
    const plan = planOf(
      [['s', 'start', { variables: ['doc'] }], ['b', 'branch', { handles: ['go', 'stop'], choose: 'go' }], ['skipped', 'echo', { constants: { x: 1 } }], ['p', 'probe', { reads }]],
      [['s', 'b'], ['b', 'skipped', 'stop'], ['b', 'p', 'go'], ['skipped', 'p']],
      [probe],
    );
    const result = await runToCompletion(
      plan,
      { inputs: { doc: { items: [{ name: 'a' }, { name: 'b' }] } }, sys: { query: 'hi' }, env: { REGION: 'eu' }, conversation: { turns: 3 } },
      { runId: 'r1' },
    );
    expect(result.status).toBe('succeeded');
    expect(seen).toEqual([
      { 's.doc.items.1.name': 'b', 's.doc.missing': undefined, 'sys.query': 'hi', 'sys.workflow_run_id': 'r1', 'env.REGION': 'eu', 'conversation.turns': 3, 'skipped.x': undefined },
    ]);
  });

  it('passes runInputs, models, retriever and logger through the node context', async () => {
    const models = { languageModel: () => ({}) as never };
    const retriever = { retrieve: async () => [] };
    const logged: string[] = [];
    const logger = { debug() {}, info: (message: string) => logged.push(message), warn() {}, error() {} };
    let ctxSeen: NodeContext | undefined;
    const probe = probeNode((ctx) => {
      ctxSeen = ctx;
      ctx.logger.info('hello from the node');
      return null;
    });
    await runToCompletion(planOf([['s', 'start'], ['p', 'probe']], [['s', 'p']], [probe]), { inputs: { a: 1 } }, { models, retriever, logger, runId: 'r2' });
    expect(ctxSeen).toMatchObject({ runId: 'r2', nodeId: 'p', runInputs: { a: 1 } });
    expect(ctxSeen?.models).toBe(models);
    expect(ctxSeen?.retriever).toBe(retriever);
    expect(logged).toEqual(['hello from the node']);
  });
});

describe('execute: the plan is shared, never mutated', () => {
  const plan = planOf(
    [['s', 'start', { variables: ['n'] }], ['wait', 'sleep', { ms: 30 }], ['e', 'echo', { values: { n: ['s', 'n'] } }], ['end', 'end', { outputs: [{ variable: 'n', valueSelector: ['e', 'n'] }] }]],
    [['s', 'wait'], ['wait', 'e'], ['e', 'end']],
  );
  const snapshot = (value: Plan) => JSON.stringify(value, (key, entry) => (key === 'definition' ? entry.type : entry));

  it('gives concurrent runs of one plan independent results and leaves the plan as it was', async () => {
    const before = snapshot(plan);
    const results = await Promise.all([1, 2, 3, 4].map((n) => runToCompletion(plan, { inputs: { n } })));
    expect(results.map((result) => result.outputs)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(new Set(results.map((result) => result.runId)).size).toBe(4);
    expect(snapshot(plan)).toBe(before);
  });

  it('a node cannot mutate its config through the plan', async () => {
    const mutator = defineNode({
      ...probeNode(() => 0),
      run: async ({ config }) => {
        (config as { reads: unknown[] }).reads.push(['s', 'x']);
        return { outputs: {} };
      },
    });
    const mutable = planOf([['s', 'start'], ['p', 'probe']], [['s', 'p']], [mutator]);
    const result = await runToCompletion(mutable, { inputs: {} });
    expect(result.error?.message).toMatch(/not extensible|read only|frozen/i);
    expect(mutable.nodes[1]!.config).toEqual({ reads: [] });
  });
});

describe('execute: scheduling', () => {
  it('runs independent nodes concurrently up to maxConcurrency', async () => {
    let current = 0;
    let peak = 0;
    const gauge = probeNode(async () => {
      peak = Math.max(peak, ++current);
      await new Promise((resolve) => setTimeout(resolve, 20));
      current -= 1;
      return peak;
    });
    const ids = Array.from({ length: 12 }, (_, index) => `p${index}`);
    const plan = planOf([['s', 'start'], ...ids.map((id): NodeSpec => [id, 'probe'])], ids.map((id): EdgeSpec => ['s', id]), [gauge]);
    expect((await runToCompletion(plan, { inputs: {} })).status).toBe('succeeded');
    expect(peak).toBe(8);
    peak = 0;
    await runToCompletion(plan, { inputs: {} }, { limits: { maxConcurrency: 3 } });
    expect(peak).toBe(3);
  });

  it('sums usage and reports cached nodes', async () => {
    const cachedNode = defineNode({ ...probeNode(() => 0), run: async () => ({ outputs: { value: 1 }, cached: true, usage: { inputTokens: 0, outputTokens: 0 } }) });
    const plan = planOf(
      [['s', 'start'], ['a', 'emit', { chunks: ['x', 'y'], tokens: 10 }], ['b', 'emit', { chunks: ['z'], tokens: 5 }], ['p', 'probe']],
      [['s', 'a'], ['a', 'b'], ['b', 'p']],
      [cachedNode],
    );
    const execution = execute(plan, { inputs: {} });
    const result = await execution.result;
    expect(result.usage).toEqual({ inputTokens: 15, outputTokens: 3 });
    expect(result.cachedNodeIds).toEqual(['p']);
    expect(result.nodes['p']?.status).toBe('cached');
    const events: RunEvent[] = [];
    for await (const event of execution) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', usage: { inputTokens: 15, outputTokens: 3 }, cachedNodeIds: ['p'] });
  });

  it('ignores text a node emits after it finished', async () => {
    let late: ((text: string) => void) | undefined;
    const leaky = probeNode((ctx) => {
      late = ctx.emitText;
      ctx.emitText('on time');
      return 1;
    });
    const execution = execute(planOf([['s', 'start'], ['p', 'probe']], [['s', 'p']], [leaky]), { inputs: {} });
    await execution.result;
    late?.('too late');
    const texts: string[] = [];
    for await (const event of execution) if (event.type === 'text-chunk') texts.push(event.text);
    expect(texts).toEqual(['on time']);
  });

  it('leaves no timers behind once a run ends', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const before = timers();
    const plan = planOf([['s', 'start'], ['f', 'flaky', { failures: 1, retry: { maxRetries: 1, intervalMs: 5 }, timeoutMs: 1000 }]], [['s', 'f']]);
    const result = await runToCompletion(plan, { inputs: {} }, { limits: { maxRunMs: 60_000 } });
    expect(result.status).toBe('succeeded');
    expect(timers()).toBe(before);
  });
});
