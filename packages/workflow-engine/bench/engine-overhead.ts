import { z } from 'zod';
import { defineNode, type NodeDefinition, type NodeRegistry } from '../src/spec/node';
import { selectorKey, variableSelectorSchema } from '../src/spec/variables';
import type { WorkflowInput } from '../src/spec/workflow';
import { compile } from '../src/runtime/compile';
import { runToCompletion } from '../src/runtime/execute';
import type { Plan } from '../src/runtime/plan';

/** A node that does nothing but pass one value along, so timing it measures the engine. */
export const noopNode = defineNode({
  type: 'noop',
  version: 1,
  config: z.object({ from: variableSelectorSchema.optional() }),
  outputs: () => [{ name: 'value', type: 'any' }],
  references: (config) => (config.from ? [config.from] : []),
  run: async ({ config, inputs }) => ({ outputs: { value: config.from ? inputs[selectorKey(config.from)] : null } }),
});

export interface OverheadOptions {
  /** The node type to fill the graphs with (default `noop`, defined here). */
  nodeType?: string;
  /** Data of the node reading `from` (a `[nodeId, field]` selector); default `{ from }`, which suits `noop`. */
  nodeData?: (from: string[]) => Record<string, unknown>;
  /** Output name of the filler type that the next node reads (default `value`). */
  outputName?: string;
  chainLength?: number;
  fanWidth?: number;
}

interface Shape {
  workflow: WorkflowInput;
  nodeCount: number;
}

function chain(length: number, type: string, data: (from: string[]) => Record<string, unknown>, output: string): Shape {
  const nodes: WorkflowInput['nodes'] = [{ id: 'start', type: 'start', data: {} }];
  const edges: WorkflowInput['edges'] = [];
  let previous = 'start';
  for (let index = 1; index <= length; index++) {
    const id = `n${index}`;
    nodes.push({ id, type, data: data(index === 1 ? ['sys', 'query'] : [previous, output]) });
    edges.push({ source: previous, target: id });
    previous = id;
  }
  nodes.push({ id: 'end', type: 'end', data: {} });
  edges.push({ source: previous, target: 'end' });
  return { workflow: { nodes, edges }, nodeCount: nodes.length };
}

function fan(width: number, type: string, data: (from: string[]) => Record<string, unknown>, output: string): Shape {
  const nodes: WorkflowInput['nodes'] = [{ id: 'start', type: 'start', data: {} }];
  const edges: WorkflowInput['edges'] = [];
  for (let index = 1; index <= width; index++) {
    nodes.push({ id: `p${index}`, type, data: data(['sys', 'query']) });
    edges.push({ source: 'start', target: `p${index}` }, { source: `p${index}`, target: 'join' });
  }
  nodes.push({ id: 'join', type, data: data([`p${width}`, output]) }, { id: 'end', type: 'end', data: {} });
  edges.push({ source: 'join', target: 'end' });
  return { workflow: { nodes, edges }, nodeCount: nodes.length };
}

function withNoop(registry: NodeRegistry): NodeRegistry {
  return {
    get: (type) => (type === 'noop' ? (noopNode as NodeDefinition) : registry.get(type)),
    types: () => [...new Set([...registry.types(), 'noop'])],
  };
}

function planOf(shape: Shape, registry: NodeRegistry): Plan {
  const result = compile(shape.workflow, registry);
  if (!result.ok) throw new Error(`Benchmark graph does not compile: ${result.problems.map((problem) => problem.message).join('\n')}`);
  return result.plan;
}

/** Median microseconds per node of `runs` timed runs after `warmups` untimed ones. */
async function perNodeMicros(plan: Plan, nodeCount: number, warmups: number, runs: number): Promise<number> {
  const limits = { maxSteps: nodeCount * 2 };
  const once = async () => {
    const started = performance.now();
    const result = await runToCompletion(plan, { inputs: {}, sys: { query: 'q' } }, { limits });
    const elapsed = performance.now() - started;
    if (result.status !== 'succeeded') throw new Error(`Benchmark run failed: ${result.error?.message}`);
    return elapsed;
  };
  for (let index = 0; index < warmups; index++) await once();
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) samples.push(await once());
  samples.sort((a, b) => a - b);
  return (samples[Math.floor(samples.length / 2)]! * 1000) / nodeCount;
}

/**
 * Engine time per node, in microseconds (median of many runs): a 1,000-node chain, and a 100-wide fan-out/fan-in
 * (start → 100 parallel → join → end). `registry` supplies `start` and `end`; the filler is `noop` unless
 * `options.nodeType` names another type (e.g. template-transform, with `nodeData` building its config).
 */
export async function measureEngineOverhead(
  registry: NodeRegistry,
  options: OverheadOptions = {},
): Promise<{ chainPerNodeUs: number; fanPerNodeUs: number }> {
  const type = options.nodeType ?? 'noop';
  const data = options.nodeData ?? ((from: string[]) => ({ from }));
  const output = options.outputName ?? 'value';
  const nodes = withNoop(registry);
  const chainShape = chain(options.chainLength ?? 1000, type, data, output);
  const fanShape = fan(options.fanWidth ?? 100, type, data, output);
  const chainPerNodeUs = await perNodeMicros(planOf(chainShape, nodes), chainShape.nodeCount, 10, 40);
  const fanPerNodeUs = await perNodeMicros(planOf(fanShape, nodes), fanShape.nodeCount, 50, 300);
  return { chainPerNodeUs, fanPerNodeUs };
}
