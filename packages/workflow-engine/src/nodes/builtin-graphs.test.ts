import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelRegistry } from '@weft/llm-gateway';
import { replyPrefix, startModelTestServer, type ModelTestServer } from '@weft/model-test-server';
import type { RunEvent } from '../spec/events';
import { createNodeRegistry } from '../spec/node';
import type { ExecutionContext, RunInputs } from '../spec/run';
import type { WorkflowInput } from '../spec/workflow';
import { compile } from '../runtime/compile';
import { execute } from '../runtime/execute';
import { builtinNodes } from './index';
import { createTermOverlapRetriever } from './test-support/term-overlap-retriever';

const registry = createNodeRegistry(builtinNodes);

type NodeSpec = [id: string, type: string, data: Record<string, unknown>];
type EdgeSpec = [source: string, target: string, handle?: string];

function workflow(nodes: NodeSpec[], edges: EdgeSpec[]): WorkflowInput {
  return {
    nodes: nodes.map(([id, type, data]) => ({ id, type, title: id, data })),
    edges: edges.map(([source, target, handle]) => ({ id: `${source}->${target}`, source, target, sourceHandle: handle ?? 'source' })),
  };
}

function planOf(graph: WorkflowInput) {
  const compiled = compile(graph, registry);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems, null, 2));
  return compiled.plan;
}

async function run(graph: WorkflowInput, inputs: RunInputs, ctx?: ExecutionContext) {
  const execution = execute(planOf(graph), inputs, ctx);
  const result = await execution.result;
  const events: RunEvent[] = [];
  for await (const event of execution) events.push(event);
  return { result, events };
}

const textChunks = (events: RunEvent[], nodeId: string) =>
  events.flatMap((event) => (event.type === 'text-chunk' && event.nodeId === nodeId ? [event.text] : []));

const start: NodeSpec = [
  'start',
  'start',
  {
    variables: [
      { variable: 'name', type: 'text-input', required: true },
      { variable: 'score', type: 'number', required: true },
    ],
  },
];
const greeting: NodeSpec = [
  'greet',
  'template-transform',
  {
    template: '{{ name | title }} scored {{ score }}',
    variables: [
      { variable: 'name', valueSelector: ['start', 'name'] },
      { variable: 'score', valueSelector: ['start', 'score'] },
    ],
  },
];
const gate: NodeSpec = [
  'gate',
  'if-else',
  { cases: [{ caseId: 'pass', logicalOperator: 'and', conditions: [{ variableSelector: ['start', 'score'], comparisonOperator: '≥', value: '50' }] }] },
];

describe('built-in nodes in compiled graphs', () => {
  const branching = workflow(
    [
      start,
      greeting,
      gate,
      ['praise', 'answer', { answer: 'Well done: {{#greet.output#}}.' }],
      ['retry', 'end', { outputs: [{ variable: 'summary', valueSelector: ['greet', 'output'] }, { variable: 'branch', valueSelector: ['gate', 'selected_case_id'] }] }],
    ],
    [['start', 'greet'], ['greet', 'gate'], ['gate', 'praise', 'pass'], ['gate', 'retry', 'false']],
  );

  it('start → template-transform → if-else → answer streams the passing branch', async () => {
    const { result, events } = await run(branching, { inputs: { name: 'ada lovelace', score: '72' } });
    expect(result.status).toBe('succeeded');
    expect(result.answer).toBe('Well done: Ada Lovelace scored 72.');
    expect(textChunks(events, 'praise').join('')).toBe(result.answer);
    expect(result.nodes.gate?.outputs).toEqual({ result: true, selected_case_id: 'pass' });
    expect(result.nodes.retry?.status).toBe('skipped');
  });

  it('start → template-transform → if-else → end takes the else branch', async () => {
    const { result } = await run(branching, { inputs: { name: 'bob', score: 31 } });
    expect(result.status).toBe('succeeded');
    expect(result.outputs).toEqual({ summary: 'Bob scored 31', branch: 'false' });
    expect(result.answer).toBe('');
    expect(result.nodes.praise?.status).toBe('skipped');
  });

  it('fails the run with invalid_input when the start node rejects the inputs', async () => {
    const { result } = await run(branching, { inputs: { name: 'carol', score: 'lots' } });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('invalid_input');
    expect(result.error?.message).toContain('"score" must be a number');
  });

  it('variable-aggregator joins two branches on the value of the one that ran', async () => {
    const joined = workflow(
      [
        start,
        gate,
        ['high', 'template-transform', { template: 'high: {{ s }}', variables: [{ variable: 's', valueSelector: ['start', 'score'] }] }],
        ['low', 'template-transform', { template: 'low: {{ s }}', variables: [{ variable: 's', valueSelector: ['start', 'score'] }] }],
        ['join', 'variable-aggregator', { variables: [['high', 'output'], ['low', 'output']], outputType: 'string' }],
        ['end', 'end', { outputs: [{ variable: 'verdict', valueSelector: ['join', 'output'] }] }],
      ],
      [['start', 'gate'], ['gate', 'high', 'pass'], ['gate', 'low', 'false'], ['high', 'join'], ['low', 'join'], ['join', 'end']],
    );
    const high = await run(joined, { inputs: { name: 'x', score: 90 } });
    expect(high.result.outputs).toEqual({ verdict: 'high: 90' });
    expect(high.result.nodes.low?.status).toBe('skipped');
    const low = await run(joined, { inputs: { name: 'x', score: 10 } });
    expect(low.result.outputs).toEqual({ verdict: 'low: 10' });
    expect(low.result.nodes.high?.status).toBe('skipped');
  });
});

describe('retrieval-augmented chat graph (real HTTP model)', () => {
  let server: ModelTestServer;
  beforeAll(async () => {
    server = await startModelTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const rag = workflow(
    [
      ['start', 'start', { variables: [] }],
      ['search', 'knowledge-retrieval', { queryVariableSelector: ['sys', 'query'], knowledgeBaseIds: ['kb-help'], topK: 2 }],
      [
        'llm',
        'llm',
        {
          model: { id: 'test:any-model' },
          promptTemplate: [
            { role: 'system', text: 'Answer from the context only.' },
            { role: 'user', text: '{{#context#}}\n\nQuestion: {{#sys.query#}}' },
          ],
          context: { enabled: true, variableSelector: ['search', 'result'] },
        },
      ],
      ['reply', 'answer', { answer: '{{#llm.text#}}' }],
    ],
    [['start', 'search'], ['search', 'llm'], ['llm', 'reply']],
  );
  const retriever = createTermOverlapRetriever([
    { knowledgeBaseId: 'kb-help', documentId: 'pw', documentName: 'Passwords', passages: ['Reset your password from the login page.', 'Passwords expire yearly.'] },
    { knowledgeBaseId: 'kb-help', documentId: 'billing', documentName: 'Billing', passages: ['Invoices are emailed monthly.'] },
  ]);

  it('start → knowledge-retrieval → llm → answer streams a grounded reply', async () => {
    const models = createModelRegistry({ providers: [{ name: 'test', kind: 'openai', baseURL: server.url, apiKey: 'test' }] });
    const { result, events } = await run(rag, { inputs: {}, sys: { query: 'how do I reset my password' } }, { models, retriever });
    expect(result.status).toBe('succeeded');
    const prompt = 'Reset your password from the login page.\n\nQuestion: how do I reset my password';
    expect(result.answer).toBe(`${replyPrefix}${prompt}`);
    expect(textChunks(events, 'reply').join('')).toBe(result.answer);
    expect(textChunks(events, 'reply').length).toBeGreaterThan(1);
    expect(textChunks(events, 'llm').join('')).toBe(result.nodes.llm?.outputs.text);
    expect((server.requests.at(-1)?.body as { messages: unknown[] }).messages).toEqual([
      { role: 'system', content: 'Answer from the context only.' },
      { role: 'user', content: prompt },
    ]);
    expect(result.usage.outputTokens).toBe(result.answer.match(/\S+/g)?.length);
    expect(result.nodes.search?.outputs.result).toMatchObject([{ title: 'Passwords', score: 2 / 6 }]);
  });

  it('fails with model_unavailable when the run has no model provider', async () => {
    const { result } = await run(rag, { inputs: {}, sys: { query: 'password' } }, { retriever });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('model_unavailable');
  });
});

describe('compile checks built on the nodes declarations', () => {
  const problemsOf = (graph: WorkflowInput) => {
    const compiled = compile(graph, registry);
    return compiled.ok ? [] : compiled.problems.map((problem) => ({ code: problem.code, nodeId: problem.nodeId, path: problem.path }));
  };

  it('reports an unparsable Jinja template at the node path ["template"]', () => {
    const broken = workflow([start, ['t', 'template-transform', { template: '{% for x in %}', variables: [] }]], [['start', 't']]);
    expect(problemsOf(broken)).toEqual([{ code: 'invalid_config', nodeId: 't', path: ['template'] }]);
  });

  it('rejects references to outputs a node does not declare and handles it does not have', () => {
    const bad = workflow(
      [start, gate, ['a', 'answer', { answer: '{{#gate.verdict#}} {{#start.nickname#}}' }]],
      [['start', 'gate'], ['gate', 'a', 'maybe']],
    );
    const codes = problemsOf(bad).map((problem) => problem.code).sort();
    expect(codes).toEqual(['unknown_handle', 'unknown_output', 'unknown_output']);
  });
});
