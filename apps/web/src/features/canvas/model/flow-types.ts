import type { Edge, Node } from '@xyflow/react';

/** What a canvas node carries: the engine node's title and its `data` (type config plus common settings). */
export interface FlowNodeData extends Record<string, unknown> {
  title: string;
  config: Record<string, unknown>;
}

/** A canvas node; `type` is the engine node type, so React Flow picks the type's component. */
export type FlowNode = Node<FlowNodeData>;
export type FlowEdge = Edge;

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The single input handle every node but start has. */
export const TARGET_HANDLE = 'target';
