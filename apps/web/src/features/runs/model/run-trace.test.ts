import { describe, expect, it } from 'vitest';
import { builtinNodes } from '@weft/workflow-engine/nodes';
import { compile, execute } from '@weft/workflow-engine/runtime';
import { createNodeRegistry, type RunEvent, type Workflow } from '@weft/workflow-engine/spec';
import { emptyTrace, reduceTrace, type RunTrace, type TraceEvent } from './run-trace';
import { traceFromStoredRun } from './stored-run-trace';

const registry = createNodeRegistry(builtinNodes);

/** start → template → answer, plus an if-else whose `true` branch is skipped: real engine events, no model. */
const workflow: Workflow = {
  nodes: [
    { id: 'start', type: 'start', title: 'Start', data: { variables: [{ variable: 'name', type: 'text-input', required: true }] } },
    { id: 'greet', type: 'template-transform', title: 'Greet', data: { template: 'Hello {{ who }}', variables: [{ variable: 'who', valueSelector: ['start', 'name'] }] } },
    {
      id: 'check',
      type: 'if-else',
      title: 'Check',
      data: { cases: [{ caseId: 'true', logicalOperator: 'and', conditions: [{ variableSelector: ['start', 'name'], comparisonOperator: 'is', value: 'nobody' }] }] },
    },
    { id: 'never', type: 'template-transform', title: 'Never', data: { template: 'x' } },
    { id: 'answer', type: 'answer', title: 'Answer', data: { answer: '{{#greet.output#}}!' } },
  ],
  edges: [
    { source: 'start', sourceHandle: 'source', target: 'greet' },
    { source: 'greet', sourceHandle: 'source', target: 'check' },
    { source: 'check', sourceHandle: 'true', target: 'never' },
    { source: 'check', sourceHandle: 'false', target: 'answer' },
  ],
};

async function runEvents(inputs: Record<string, unknown>): Promise<RunEvent[]> {
  const compiled = compile(workflow, registry);
  if (!compiled.ok) throw new Error(compiled.problems.map((problem) => problem.message).join('; '));
  const events: RunEvent[] = [];
  for await (const event of execute(compiled.plan, { inputs })) events.push(event);
  return events;
}

const fold = (events: TraceEvent[]) => events.reduce((trace: RunTrace, event) => reduceTrace(trace, event, new Set(['answer'])), emptyTrace());

describe('reduceTrace over real engine events', () => {
  it('tracks every node to its final status, the answer text and the outputs', async () => {
    const trace = fold([{ type: 'debug-run-started', runId: 'r1', taskId: 'r1', conversationId: 'c1' }, ...(await runEvents({ name: 'Ada' }))]);
    expect(trace.status).toBe('succeeded');
    expect(trace.conversationId).toBe('c1');
    expect(trace.answer).toBe('Hello Ada!');
    expect(Object.fromEntries(Object.values(trace.nodes).map((node) => [node.nodeId, node.status]))).toEqual({
      start: 'succeeded',
      greet: 'succeeded',
      check: 'succeeded',
      never: 'skipped',
      answer: 'succeeded',
    });
    expect(trace.nodes.greet?.outputs).toEqual({ output: 'Hello Ada' });
    expect(trace.nodes.greet?.inputs).toEqual({ 'start.name': 'Ada' });
    expect(trace.nodes.check?.handle).toBe('false');
    expect(trace.order.slice(0, 2)).toEqual(['start', 'greet']);
  });

  it('shows a node as running between its start and finish events', async () => {
    const events = await runEvents({ name: 'Ada' });
    const greetStarted = events.findIndex((event) => event.type === 'node-started' && event.nodeId === 'greet');
    expect(fold(events.slice(0, greetStarted + 1)).nodes.greet?.status).toBe('running');
  });

  it('ends failed with the error, and cuts off nodes that were still running', async () => {
    const trace = fold(await runEvents({}));
    expect(trace.status).toBe('failed');
    expect(trace.error?.code).toBe('invalid_input');
    expect(trace.nodes.start?.status).toBe('failed');
    const cut = reduceTrace(
      reduceTrace(emptyTrace(), { type: 'node-started', runId: 'r', nodeId: 'x', nodeType: 'llm', title: 'X', at: 0, attempt: 1 }, new Set()),
      { type: 'run-failed', runId: 'r', at: 1, elapsedMs: 1, error: { code: 'cancelled', message: 'stopped' }, usage: { inputTokens: 0, outputTokens: 0 } },
      new Set(),
    );
    expect([cut.status, cut.nodes.x?.status]).toEqual(['cancelled', 'cancelled']);
  });

  it('ignores text chunks from nodes that are not answer nodes', () => {
    const trace = reduceTrace(emptyTrace(), { type: 'text-chunk', runId: 'r', nodeId: 'llm', text: 'dup' }, new Set(['answer']));
    expect(trace.answer).toBe('');
  });
});

describe('traceFromStoredRun', () => {
  it('maps stored node runs (cached flag → cached status) and rebuilds the answer', () => {
    const trace = traceFromStoredRun(
      {
        id: 'run-1',
        status: 'succeeded',
        conversationId: null,
        outputs: { answer: 'hi' },
        error: null,
        elapsedMs: 12,
        inputTokens: 3,
        outputTokens: 4,
        nodeRuns: [
          { nodeId: 'llm', nodeType: 'llm', title: 'LLM', status: 'succeeded', inputs: {}, outputs: { text: 'hi' }, error: null, elapsedMs: 0, inputTokens: 3, outputTokens: 4, cached: true },
          { nodeId: 'answer', nodeType: 'answer', title: 'Answer', status: 'succeeded', inputs: {}, outputs: { answer: 'hi' }, error: null, elapsedMs: 1, inputTokens: 0, outputTokens: 0, cached: false },
        ],
      },
      new Set(['answer']),
    );
    expect(trace.nodes.llm?.status).toBe('cached');
    expect(trace.nodes.answer?.status).toBe('succeeded');
    expect(trace.answer).toBe('hi');
    expect(trace.usage).toEqual({ inputTokens: 3, outputTokens: 4 });
  });
});
