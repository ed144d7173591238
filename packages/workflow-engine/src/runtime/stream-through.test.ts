import { describe, expect, it } from 'vitest';
import type { RunEvent, RunResult } from '../spec/events';
import { createNodeRegistry, type NodeDefinition } from '../spec/node';
import { compile } from './compile';
import { execute } from './execute';
import type { Plan } from './plan';
import { graph, type EdgeSpec, type NodeSpec } from './test-support/graph';
import { createTestNodes } from './test-support/test-nodes';
import { traceLine } from './test-support/trace';

function planOf(nodes: NodeSpec[], edges: EdgeSpec[], replace: NodeDefinition[] = []): Plan {
  const types = new Set(replace.map((definition) => definition.type));
  const definitions = [...createTestNodes().definitions.filter((definition) => !types.has(definition.type)), ...replace];
  const result = compile(graph(nodes, edges), createNodeRegistry(definitions));
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.plan;
}

async function run(plan: Plan, inputs: Record<string, unknown> = {}, sys: Record<string, unknown> = {}): Promise<{ lines: string[]; result: RunResult }> {
  const execution = execute(plan, { inputs, sys });
  const events: RunEvent[] = [];
  for await (const event of execution) events.push(event);
  return { lines: events.map(traceLine).filter((line) => /^(text|start|finish)/.test(line)), result: await execution.result };
}

const llm = (chunks: string[], delayMs = 15): Record<string, unknown> => ({ chunks, delayMs });

describe('stream-through', () => {
  it("forwards an LLM's chunks to the answer as they arrive, and the answer node does not repeat them", async () => {
    const plan = planOf(
      [['s', 'start'], ['llm', 'emit', llm(['Hel', 'lo'])], ['a', 'answer', { answer: 'Hi {{#llm.text#}}!' }]],
      [['s', 'llm'], ['llm', 'a']],
    );
    const { lines, result } = await run(plan);
    expect(lines).toEqual([
      'start s #1', 'finish s succeeded source', 'start llm #1',
      'text llm "Hel"', 'text a "Hi "', 'text a "Hel"', 'text llm "lo"', 'text a "lo"',
      'finish llm succeeded source', 'start a #1', 'text a "!"', 'finish a succeeded source',
    ]);
    expect(result.answer).toBe('Hi Hello!');
    expect(result.nodes['a']?.outputs).toEqual({ answer: 'Hi Hello!' });
  });

  it('emits the segments before the LLM (literals, sys and finished nodes) first, then continues with a second LLM', async () => {
    const plan = planOf(
      [
        ['s', 'start', { variables: ['name'] }],
        ['one', 'emit', llm(['A', 'B'])],
        ['two', 'emit', llm(['C', 'D'])],
        ['a', 'answer', { answer: '{{#sys.query#}} / {{#s.name#}}: {{#one.text#}} + {{#two.text#}}.' }],
      ],
      [['s', 'one'], ['one', 'two'], ['two', 'a']],
    );
    const { lines, result } = await run(plan, { name: 'Ada' }, { query: 'q?' });
    const beforeAnswerRuns = lines.slice(0, lines.indexOf('start a #1')).filter((line) => line.startsWith('text a '));
    expect(beforeAnswerRuns).toEqual(['text a "q?"', 'text a " / "', 'text a "Ada"', 'text a ": "', 'text a "A"', 'text a "B"', 'text a " + "', 'text a "C"', 'text a "D"']);
    expect(lines.slice(lines.indexOf('start a #1'))).toEqual(['start a #1', 'text a "."', 'finish a succeeded source']);
    expect(result.answer).toBe('q? / Ada: AB + CD.');
  });

  it('streams when the branch that leads to the answer has already been decided', async () => {
    const plan = planOf(
      [['s', 'start', { variables: ['route'] }], ['pick', 'branch', { handles: ['yes', 'no'], chooseFrom: ['s', 'route'] }], ['llm', 'emit', llm(['x', 'y'])], ['a', 'answer', { answer: '<{{#llm.text#}}>' }]],
      [['s', 'pick'], ['pick', 'llm', 'yes'], ['llm', 'a']],
    );
    const { lines, result } = await run(plan, { route: 'yes' });
    expect(lines.indexOf('text a "x"')).toBeLessThan(lines.indexOf('finish llm succeeded source'));
    expect(result.answer).toBe('<xy>');
  });

  it('holds the stream back while a branch that could skip the answer is undecided', async () => {
    const plan = planOf(
      [['s', 'start', { variables: ['route'] }], ['llm', 'emit', llm(['x', 'y'])], ['pick', 'branch', { handles: ['yes', 'no'], chooseFrom: ['s', 'route'] }], ['a', 'answer', { answer: '<{{#llm.text#}}>' }]],
      [['s', 'llm'], ['llm', 'pick'], ['pick', 'a', 'yes']],
    );
    const yes = await run(plan, { route: 'yes' });
    const firstAnswerText = yes.lines.findIndex((line) => line.startsWith('text a '));
    expect(firstAnswerText).toBeGreaterThan(yes.lines.indexOf('start a #1'));
    expect(yes.result.answer).toBe('<xy>');
    const no = await run(plan, { route: 'no' });
    expect(no.lines.filter((line) => line.startsWith('text a '))).toEqual([]);
    expect(no.result.answer).toBe('');
    expect(no.result.nodes['a']?.status).toBe('skipped');
  });

  it('counts an unfinished fail-branch ancestor as a gate', async () => {
    const plan = planOf(
      [['s', 'start'], ['llm', 'emit', llm(['x', 'y'])], ['risky', 'sleep', { ms: 120, errorStrategy: 'fail-branch' }], ['a', 'answer', { answer: '{{#llm.text#}}' }]],
      [['s', 'llm'], ['s', 'risky'], ['llm', 'a'], ['risky', 'a']],
    );
    const { lines, result } = await run(plan);
    expect(lines.findIndex((line) => line.startsWith('text a '))).toBeGreaterThan(lines.indexOf('finish risky succeeded source'));
    expect(result.answer).toBe('xy');
  });

  it('streams one LLM into the first of two chained answers; the second waits for the first', async () => {
    const plan = planOf(
      [['s', 'start'], ['llm', 'emit', llm(['1', '2'])], ['a', 'answer', { answer: 'a{{#llm.text#}}' }], ['b', 'answer', { answer: 'b{{#llm.text#}}' }]],
      [['s', 'llm'], ['llm', 'a'], ['a', 'b']],
    );
    const { lines, result } = await run(plan);
    const streamed = lines.slice(0, lines.indexOf('finish llm succeeded source')).filter((line) => line.startsWith('text'));
    expect(streamed).toEqual(['text llm "1"', 'text a "a"', 'text a "1"', 'text llm "2"', 'text a "2"']);
    expect(result.answer).toBe('a12b12');
  });

  it('a retried answer node does not repeat what it already emitted', async () => {
    const failedOnce = new Set<string>();
    // The test answer node, failing its first attempt of each run after it has emitted its text.
    const answer = createTestNodes().definitions.find((definition) => definition.type === 'answer')!;
    const shakyAnswer: NodeDefinition = {
      ...answer,
      run: async (args) => {
        const result = await answer.run(args);
        if (!failedOnce.has(args.ctx.runId)) {
          failedOnce.add(args.ctx.runId);
          throw new Error('lost connection');
        }
        return result;
      },
    };
    const plan = planOf(
      [['s', 'start'], ['llm', 'emit', llm(['Hel', 'lo'])], ['a', 'answer', { answer: 'Hi {{#llm.text#}}!', retry: { maxRetries: 1, intervalMs: 0 } }]],
      [['s', 'llm'], ['llm', 'a']],
      [shakyAnswer],
    );
    const { lines, result } = await run(plan);
    expect(lines.filter((line) => line.startsWith('text a ') || line.startsWith('start a'))).toEqual([
      'text a "Hi "', 'text a "Hel"', 'text a "lo"', 'start a #1', 'text a "!"', 'start a #2',
    ]);
    expect(result.answer).toBe('Hi Hello!');
  });
});
