import { isRootSelector, parseTemplate, selectorKey, type VariableSelector } from '../spec/variables';
import type { CompilingNode } from './compile-nodes';
import type { GraphShape } from './compile-graph';
import type { Ancestry } from './graph-algorithms';
import type { AnswerSegment, AnswerStreamPlan, Plan, PlanEdge, PlanInput, PlanNode } from './plan';

/** Freezes plain objects and arrays all the way down; leaves class instances (and node definitions) alone. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

export function toPlanInput(selector: VariableSelector, indexById: Map<string, number>): PlanInput {
  const [head = '', ...rest] = selector;
  const key = selectorKey(selector);
  if (isRootSelector(selector)) return { key, source: head as PlanInput['source'], node: -1, path: rest };
  return { key, source: 'node', node: indexById.get(head) ?? -1, path: rest };
}

/** Turns a checked graph into the immutable plan `execute` runs. Call only when compile found no problems. */
export function buildPlan(nodes: CompilingNode[], indexById: Map<string, number>, graph: GraphShape, ancestry: Ancestry): Plan {
  const outgoing: PlanEdge[][] = nodes.map(() => []);
  const incomingEdgeCount = new Array<number>(nodes.length).fill(0);
  for (const edge of graph.edges) {
    outgoing[edge.source]!.push({ id: edge.id, handle: edge.handle, target: edge.target });
    incomingEdgeCount[edge.target]! += 1;
  }
  const planNodes = nodes.map((node): PlanNode => {
    const successorsByHandle: Record<string, string[]> = Object.create(null);
    for (const edge of outgoing[node.index]!) (successorsByHandle[edge.handle] ??= []).push(nodes[edge.target]!.raw.id);
    const inputs = new Map<string, PlanInput>();
    for (const selector of node.references) inputs.set(selectorKey(selector), toPlanInput(selector, indexById));
    return {
      index: node.index,
      id: node.raw.id,
      type: node.raw.type,
      title: node.raw.title,
      definition: node.definition!,
      config: deepFreeze(node.config),
      settings: deepFreeze(node.settings),
      handles: node.handles,
      outgoing: outgoing[node.index]!,
      successorsByHandle,
      predecessors: graph.predecessors[node.index]!,
      incomingEdgeCount: incomingEdgeCount[node.index]!,
      references: node.references,
      inputs: [...inputs.values()],
      branching: node.handles.length > 1,
    };
  });
  const answers = planAnswers(planNodes, indexById, ancestry);
  const answersBySource: number[][] = planNodes.map(() => []);
  const answerIndex = planNodes.map(() => -1);
  answers.forEach((answer, position) => {
    answerIndex[answer.node] = position;
    for (const segment of answer.segments) {
      if (segment.kind !== 'variable' || !segment.streamable) continue;
      const sources = answersBySource[segment.input.node]!;
      if (!sources.includes(position)) sources.push(position);
    }
  });
  const byId: Record<string, number> = Object.create(null);
  for (const node of planNodes) byId[node.id] = node.index;
  const plan: Plan = {
    nodes: planNodes,
    indexById: byId,
    startNode: graph.startNode!,
    endNodes: planNodes.filter((node) => node.type === 'end').map((node) => node.index),
    order: graph.order!,
    answers,
    answersBySource,
    answerIndex,
  };
  for (const node of planNodes) {
    Object.freeze(node);
    deepFreeze(node.references);
    deepFreeze(node.inputs);
    deepFreeze(node.outgoing);
    deepFreeze(node.successorsByHandle);
    Object.freeze(node.handles);
    Object.freeze(node.predecessors);
  }
  deepFreeze(answers);
  deepFreeze(answersBySource);
  Object.freeze(answerIndex);
  Object.freeze(planNodes);
  Object.freeze(byId);
  Object.freeze(plan.endNodes);
  Object.freeze(plan.order);
  return Object.freeze(plan);
}

/** Answer nodes (type `answer`, template in `config.answer`) and what stream-through needs to know about each. */
function planAnswers(nodes: PlanNode[], indexById: Map<string, number>, ancestry: Ancestry): AnswerStreamPlan[] {
  // Gates: branching nodes (they may skip the answer) and other answers (so answers stream in graph order).
  const gates = nodes.filter((node) => node.branching || node.type === 'answer').map((node) => node.index);
  const answers: AnswerStreamPlan[] = [];
  for (const node of nodes) {
    const template = (node.config as { answer?: unknown } | undefined)?.answer;
    if (node.type !== 'answer' || typeof template !== 'string') continue;
    const segments = parseTemplate(template).map((segment): AnswerSegment => {
      if (segment.kind === 'text') return segment;
      const input = toPlanInput(segment.selector, indexById);
      return { kind: 'variable', input, streamable: input.node >= 0 && input.path.length === 1 && input.path[0] === 'text' };
    });
    const gatingAncestors = gates.filter((candidate) => ancestry.isAncestor(candidate, node.index));
    answers.push({ node: node.index, segments, gatingAncestors });
  }
  return answers;
}
