import { DEFAULT_HANDLE, type Workflow, type WorkflowEdge, type WorkflowNode } from '@weft/workflow-engine/spec';
import { ELSE_HANDLE } from '@weft/workflow-engine/nodes';

export interface BenchGraphSize {
  nodes: number;
  edges: number;
}

/** Horizontal and vertical distance between node cards, roomy enough that cards never overlap. */
const columnGap = 320;
const rowGap = 200;
const middleTypes = ['template-transform', 'if-else', 'variable-aggregator'] as const;
const topic = ['start', 'topic'];

function middleNode(id: string, type: (typeof middleTypes)[number], position: { x: number; y: number }): WorkflowNode {
  const title = `${type} ${id}`;
  if (type === 'template-transform') {
    return { id, type, title, position, data: { template: 'About {{ topic }}', variables: [{ variable: 'topic', valueSelector: topic }] } };
  }
  if (type === 'if-else') {
    return { id, type, title, position, data: { cases: [{ caseId: 'true', logicalOperator: 'and', conditions: [{ variableSelector: topic, comparisonOperator: 'contains', value: 'x' }] }] } };
  }
  return { id, type, title, position, data: { variables: [topic] } };
}

/**
 * A valid workflow of exactly `size.nodes` nodes and `size.edges` edges for the canvas bench: start, then
 * lanes × layers of template-transform / if-else / variable-aggregator nodes, then end. Each lane runs straight
 * from layer to layer; the remaining edges cross to the next lane down (if-else nodes cross through ELSE), so
 * the graph is acyclic and every node is reachable from start.
 */
export function createBenchGraph(size: BenchGraphSize, lanes = 11): Workflow {
  const middleCount = size.nodes - 2;
  const layers = Math.ceil(middleCount / lanes);
  if (middleCount < lanes || middleCount % lanes !== 0) {
    throw new Error(`createBenchGraph: ${size.nodes} nodes do not fill ${lanes} lanes; use start + end + a multiple of ${lanes}.`);
  }
  const straightEdges = lanes + lanes * (layers - 1) + lanes;
  const crossEdges = size.edges - straightEdges;
  if (crossEdges < 0 || crossEdges > (layers - 1) * lanes) {
    throw new Error(`createBenchGraph: ${size.edges} edges must be between ${straightEdges} and ${straightEdges + (layers - 1) * lanes} for ${size.nodes} nodes.`);
  }

  const idAt = (layer: number, lane: number) => `n-${layer}-${lane}`;
  const typeAt = (layer: number, lane: number) => middleTypes[(layer + lane) % middleTypes.length] ?? 'template-transform';
  const centreY = ((lanes - 1) * rowGap) / 2;
  const nodes: WorkflowNode[] = [{ id: 'start', type: 'start', title: 'Start', position: { x: 0, y: centreY }, data: { variables: [{ variable: 'topic', type: 'text-input', required: true }] } }];
  for (let layer = 0; layer < layers; layer++) {
    for (let lane = 0; lane < lanes; lane++) nodes.push(middleNode(idAt(layer, lane), typeAt(layer, lane), { x: (layer + 1) * columnGap, y: lane * rowGap }));
  }
  nodes.push({ id: 'end', type: 'end', title: 'End', position: { x: (layers + 1) * columnGap, y: centreY }, data: { outputs: [{ variable: 'topic', valueSelector: topic }] } });

  const edges: WorkflowEdge[] = [];
  const link = (source: string, sourceHandle: string, target: string) => edges.push({ id: `${source}:${sourceHandle}->${target}`, source, sourceHandle, target });
  const handleOf = (layer: number, lane: number, crossing: boolean) => (typeAt(layer, lane) !== 'if-else' ? DEFAULT_HANDLE : crossing ? ELSE_HANDLE : 'true');
  for (let lane = 0; lane < lanes; lane++) link('start', DEFAULT_HANDLE, idAt(0, lane));
  for (let layer = 0; layer + 1 < layers; layer++) {
    for (let lane = 0; lane < lanes; lane++) link(idAt(layer, lane), handleOf(layer, lane, false), idAt(layer + 1, lane));
  }
  for (let lane = 0; lane < lanes; lane++) link(idAt(layers - 1, lane), handleOf(layers - 1, lane, false), 'end');
  for (let index = 0; index < crossEdges; index++) {
    const layer = index % (layers - 1);
    const lane = Math.floor(index / (layers - 1));
    link(idAt(layer, lane), handleOf(layer, lane, true), idAt(layer + 1, (lane + 1) % lanes));
  }
  return { nodes, edges };
}

/** The node the bench drags: a middle-lane node near the centre of the graph. */
export function draggedNodeId(graph: Workflow): string {
  const middle = graph.nodes[Math.floor(graph.nodes.length / 2)];
  if (!middle) throw new Error('draggedNodeId: the graph has no nodes.');
  return middle.id;
}
