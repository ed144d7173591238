import { describe, expect, it } from 'vitest';
import type { CompileProblem } from '../spec/errors';
import { compile } from './compile';
import { graph } from './test-support/graph';
import { createTestNodes } from './test-support/test-nodes';

const { registry } = createTestNodes();

function problemsOf(workflow: unknown): CompileProblem[] {
  const result = compile(workflow, registry);
  if (result.ok) throw new Error('expected compile to fail');
  return result.problems;
}

function onlyProblem(workflow: unknown): CompileProblem {
  const problems = problemsOf(workflow);
  expect(problems, JSON.stringify(problems, null, 2)).toHaveLength(1);
  return problems[0]!;
}

describe('compile: every problem code', () => {
  it('invalid_workflow: reports each malformed element with its path', () => {
    const problems = problemsOf({ nodes: [{ id: 'a', type: 'start' }, { id: 7 }], edges: 'none' });
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['invalid_workflow', ['edges']],
      ['invalid_workflow', ['nodes', 1, 'id']],
      ['invalid_workflow', ['nodes', 1, 'type']],
    ]);
    expect(problems[0]!.message).toMatch(/Export the graph as \{ nodes: \[\.\.\.\], edges: \[\.\.\.\] \}/);
    expect(problems[1]!.message).toMatch(/Node #1: id: .*Fix that field/);
  });

  it('duplicate_node_id', () => {
    const problem = onlyProblem(graph([['s', 'start'], ['a', 'echo'], ['a', 'echo']], [['s', 'a']]));
    expect(problem).toMatchObject({ code: 'duplicate_node_id', nodeId: 'a', path: [] });
    expect(problem.message).toMatch(/Give each node a unique id/);
  });

  it('unknown_node_type lists the registered types', () => {
    const problem = onlyProblem(graph([['s', 'start'], ['x', 'lmm']], [['s', 'x']]));
    expect(problem).toMatchObject({ code: 'unknown_node_type', nodeId: 'x', path: [] });
    expect(problem.message).toMatch(/type "lmm".*Use one of: answer, branch, echo, emit, end, flaky, sleep, start, typed\./);
  });

  it('invalid_config: one problem per zod issue of the type config, with its path', () => {
    const problems = problemsOf(graph([['s', 'start'], ['b', 'branch', { handles: 'yes', choose: 3 }]], [['s', 'b']]));
    expect(problems.map((problem) => [problem.code, problem.nodeId, problem.path])).toEqual([
      ['invalid_config', 'b', ['handles']],
      ['invalid_config', 'b', ['choose']],
    ]);
    expect(problems[0]!.message).toMatch(/Node "b" \(branch\) branch setting "handles": .*Correct this field in the node's panel/);
  });

  it('invalid_config: common settings are validated from the same data', () => {
    const problem = onlyProblem(graph([['s', 'start'], ['e', 'echo', { retry: { maxRetries: 99 } }]], [['s', 'e']]));
    expect(problem).toMatchObject({ code: 'invalid_config', nodeId: 'e', path: ['retry', 'maxRetries'] });
    expect(problem.message).toMatch(/common setting "retry\.maxRetries": .*10.*Correct this field/);
  });

  it('dangling_edge: names the missing end and the nodes that exist', () => {
    const problem = onlyProblem(graph([['s', 'start']], [['s', 'ghost']]));
    expect(problem).toMatchObject({ code: 'dangling_edge', nodeId: 's', edgeId: 's->ghost', path: [] });
    expect(problem.message).toMatch(/missing target "ghost"\. Delete the edge or connect it to an existing node: "s"/);
  });

  it('unknown_handle: lists the handles the node has', () => {
    const problem = onlyProblem(
      graph([['s', 'start'], ['b', 'branch', { handles: ['yes', 'no'] }], ['e', 'echo']], [['s', 'b'], ['b', 'e', 'maybe']]),
    );
    expect(problem).toMatchObject({ code: 'unknown_handle', nodeId: 'b', edgeId: 'b->e', path: [] });
    expect(problem.message).toMatch(/handle "maybe".*Reconnect it from one of: "yes", "no"/);
  });

  it('the fail-branch handle exists only under that error strategy', () => {
    const edges: [string, string, string?][] = [['s', 'f'], ['f', 'e', 'fail-branch']];
    expect(onlyProblem(graph([['s', 'start'], ['f', 'flaky', { failures: 1 }], ['e', 'echo']], edges)).message).toMatch(
      /set error strategy "fail-branch"/,
    );
    const ok = compile(graph([['s', 'start'], ['f', 'flaky', { failures: 1, errorStrategy: 'fail-branch' }], ['e', 'echo']], edges), registry);
    expect(ok.ok).toBe(true);
  });

  it('missing_start', () => {
    const problem = onlyProblem(graph([['a', 'echo']], []));
    expect(problem).toMatchObject({ code: 'missing_start', path: [] });
    expect(problem.message).toMatch(/Add one node of type "start"/);
  });

  it('multiple_starts: one problem per extra start', () => {
    const problem = onlyProblem(graph([['s1', 'start'], ['s2', 'start'], ['e', 'echo']], [['s1', 'e'], ['s2', 'e']]));
    expect(problem).toMatchObject({ code: 'multiple_starts', nodeId: 's2', path: [] });
    expect(problem.message).toMatch(/the first is "s1".*delete "s2" or change its type/);
  });

  it('cycle: names the nodes on the loop and an edge to remove', () => {
    const problem = onlyProblem(graph([['s', 'start'], ['a', 'echo'], ['b', 'echo'], ['c', 'echo']], [['s', 'a'], ['a', 'b'], ['b', 'c'], ['c', 'a']]));
    expect(problem).toMatchObject({ code: 'cycle', nodeId: 'a', path: [] });
    expect(problem.message).toBe('Nodes "a" → "b" → "c" → "a" form a cycle; workflows must be acyclic. Remove one edge of the loop, e.g. "c" → "a".');
  });

  it('cycle: a self-loop is a cycle too', () => {
    const problem = onlyProblem(graph([['s', 'start'], ['a', 'echo']], [['s', 'a'], ['a', 'a']]));
    expect(problem).toMatchObject({ code: 'cycle', nodeId: 'a' });
  });

  it('unreachable_node', () => {
    const problem = onlyProblem(graph([['s', 'start'], ['a', 'echo'], ['lost', 'echo']], [['s', 'a']]));
    expect(problem).toMatchObject({ code: 'unreachable_node', nodeId: 'lost', path: [] });
    expect(problem.message).toMatch(/no path leads to it from the start node "s"\. Connect an upstream node to it, or delete it/);
  });

  it('unknown_variable_node: path points at the selector in the data', () => {
    const problem = onlyProblem(graph([['s', 'start'], ['t', 'typed', { reads: [['sys', 'query'], ['ghost', 'x']] }]], [['s', 't']]));
    expect(problem).toMatchObject({ code: 'unknown_variable_node', nodeId: 't', path: ['reads', 1] });
    expect(problem.message).toBe(
      'Node "t" reads {{#ghost.x#}} but there is no node "ghost". Pick a variable of an upstream node ("s"), or of sys/env/conversation.',
    );
  });

  it('reference_not_upstream: a sibling branch is not upstream', () => {
    const problem = onlyProblem(
      graph(
        [['s', 'start'], ['left', 'emit', { chunks: ['l'] }], ['right', 'answer', { answer: 'Got {{#left.text#}}' }]],
        [['s', 'left'], ['s', 'right']],
      ),
    );
    expect(problem).toMatchObject({ code: 'reference_not_upstream', nodeId: 'right', path: ['answer'] });
    expect(problem.message).toMatch(/"left" does not run before "right".*Connect "left" before "right", or pick a variable of an upstream node \("s"\)/);
  });

  it('unknown_output: names the outputs the node has', () => {
    const problem = onlyProblem(
      graph(
        [['s', 'start'], ['kb', 'typed', { declares: [{ name: 'result', type: 'array[object]' }] }], ['llm1', 'answer', { answer: 'x {{#kb.results#}}' }]],
        [['s', 'kb'], ['kb', 'llm1']],
      ),
    );
    expect(problem).toMatchObject({ code: 'unknown_output', nodeId: 'llm1', path: ['answer'] });
    expect(problem.message).toBe('Node "llm1" reads {{#kb.results#}} but node "kb" declares no output "results"; it has: result. Pick one of those.');
  });

  it('unknown_output: a deeper path into a scalar output cannot resolve; into any or object it can', () => {
    const nodes: [string, string, Record<string, unknown>][] = [
      ['s', 'start', {}],
      ['up', 'typed', { declares: [{ name: 'text', type: 'string' }, { name: 'data', type: 'object' }, { name: 'blob', type: 'any' }] }],
      ['t', 'typed', { reads: [['up', 'data', 'a', '0'], ['up', 'blob', 'x'], ['up', 'text', 'length'], ['env', 'KEY'], ['conversation', 'n']] }],
    ];
    const problem = onlyProblem(graph(nodes, [['s', 'up'], ['up', 't']]));
    expect(problem).toMatchObject({ code: 'unknown_output', nodeId: 't', path: ['reads', 2] });
    expect(problem.message).toMatch(/is a string, which has no field "length"\. Read \{\{#up\.text#\}\} instead/);
  });
});

describe('compile: all problems at once', () => {
  it('reports six different problems of one graph together', () => {
    const problems = problemsOf(
      graph(
        [
          ['s', 'start'],
          ['b', 'branch', { handles: ['yes', 'no'] }],
          ['bad', 'branch', { handles: [], choose: 1 }],
          ['x', 'mystery'],
          ['a', 'answer', { answer: '{{#b.verdict#}} {{#nobody.text#}}' }],
          ['lost', 'echo'],
        ],
        [['s', 'b'], ['b', 'a', 'yes'], ['b', 'x', 'maybe'], ['s', 'bad'], ['a', 'gone']],
      ),
    );
    const codes = new Set(problems.map((problem) => problem.code));
    expect([...codes].sort()).toEqual(
      ['dangling_edge', 'invalid_config', 'unknown_handle', 'unknown_node_type', 'unknown_output', 'unknown_variable_node', 'unreachable_node'].sort(),
    );
    expect(problems.find((problem) => problem.code === 'unreachable_node')?.nodeId).toBe('lost');
  });
});

describe('compile: the plan', () => {
  const result = compile(
    graph(
      [['s', 'start'], ['b', 'branch', { handles: ['yes', 'no'] }], ['y', 'echo', { values: { q: ['sys', 'query'] } }], ['n', 'echo'], ['a', 'answer', { answer: 'Hi {{#y.q#}}' }]],
      [['s', 'b'], ['b', 'y', 'yes'], ['b', 'n', 'no'], ['y', 'a'], ['n', 'a']],
    ),
    registry,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const plan = result.plan;

  it('has adjacency by handle, predecessors, a topological order and resolved inputs', () => {
    const b = plan.nodes[plan.indexById['b']!]!;
    expect(b.successorsByHandle).toEqual({ yes: ['y'], no: ['n'] });
    expect(b.branching).toBe(true);
    const a = plan.nodes[plan.indexById['a']!]!;
    expect(a.predecessors.map((index) => plan.nodes[index]!.id).sort()).toEqual(['n', 'y']);
    expect(a.incomingEdgeCount).toBe(2);
    expect(a.inputs).toEqual([{ key: 'y.q', source: 'node', node: plan.indexById['y'], path: ['q'] }]);
    const position = (id: string) => plan.order.indexOf(plan.indexById[id]!);
    expect(position('s')).toBeLessThan(position('b'));
    expect(position('y')).toBeLessThan(position('a'));
    expect(plan.answers[0]).toMatchObject({ node: a.index, gatingAncestors: [b.index] });
  });

  it('is frozen deeply enough that it cannot be mutated', () => {
    const node = plan.nodes[0]!;
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.nodes)).toBe(true);
    expect(Object.isFrozen(node)).toBe(true);
    expect(Object.isFrozen(node.config)).toBe(true);
    expect(Object.isFrozen(plan.nodes[plan.indexById['y']!]!.inputs[0]!.path)).toBe(true);
    expect(() => (plan.nodes as unknown[]).push(1)).toThrow(TypeError);
  });
});
