import type { CompileProblem } from '../spec/errors';
import type { NodeDefinition } from '../spec/node';
import type { VariableSelector } from '../spec/variables';
import type { NodeSettings } from '../spec/workflow';

/** Where a resolved input comes from: a node's outputs (`node` ≥ 0) or a root (`sys`, `env`, `conversation`). */
export interface PlanInput {
  /** `selectorKey(selector)`, the key in the node's `inputs`. */
  readonly key: string;
  readonly source: 'node' | 'sys' | 'env' | 'conversation';
  /** Index of the source node in `Plan.nodes`, or -1 for roots. */
  readonly node: number;
  /** The selector after its node id or root: `[field, ...path]`. */
  readonly path: readonly string[];
}

export interface PlanEdge {
  readonly id: string | undefined;
  readonly handle: string;
  /** Index of the target in `Plan.nodes`. */
  readonly target: number;
}

export interface PlanNode {
  /** Position in `Plan.nodes`; the run state is arrays indexed by it. */
  readonly index: number;
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly definition: NodeDefinition;
  /** The node's data parsed by its type's config schema. */
  readonly config: unknown;
  readonly settings: NodeSettings;
  /** Handles the node may take: its type's handles, plus `fail-branch` under that error strategy. */
  readonly handles: readonly string[];
  readonly outgoing: readonly PlanEdge[];
  /** Target node ids by handle (the adjacency a UI or trace reader wants). */
  readonly successorsByHandle: Readonly<Record<string, readonly string[]>>;
  /** Distinct predecessor node indexes. */
  readonly predecessors: readonly number[];
  /** Incoming edges (duplicates counted); the node is ready once this many are settled. */
  readonly incomingEdgeCount: number;
  /** Every selector the node reads, as `references(config)` returned them. */
  readonly references: readonly VariableSelector[];
  readonly inputs: readonly PlanInput[];
  /** True when the node can leave by more than one handle, so it may cause downstream skips. */
  readonly branching: boolean;
}

export type AnswerSegment =
  | { readonly kind: 'text'; readonly text: string }
  /** `streamable`: the selector is `[node, 'text']`, so the node's chunks can be forwarded as they arrive. */
  | { readonly kind: 'variable'; readonly input: PlanInput; readonly streamable: boolean };

/** What stream-through needs to know about one answer node, computed once at compile time. */
export interface AnswerStreamPlan {
  readonly node: number;
  readonly segments: readonly AnswerSegment[];
  /**
   * Ancestors that must settle before the answer streams: branching ones (once all are settled and the answer is
   * not skipped, it is certain to run) and answer ones (so an answer's text never interleaves an earlier one's).
   */
  readonly gatingAncestors: readonly number[];
}

/** A compiled workflow: immutable, reusable across runs, safe to share between concurrent runs. */
export interface Plan {
  readonly nodes: readonly PlanNode[];
  readonly indexById: Readonly<Record<string, number>>;
  readonly startNode: number;
  /** Nodes of type `end`; their outputs become the run's outputs. */
  readonly endNodes: readonly number[];
  /** A topological order of `nodes`. */
  readonly order: readonly number[];
  readonly answers: readonly AnswerStreamPlan[];
  /** Per node: indexes into `answers` of answer plans whose template streams this node's `text`. */
  readonly answersBySource: readonly (readonly number[])[];
  /** Per node: its index in `answers`, or -1. */
  readonly answerIndex: readonly number[];
}

export type CompileResult = { ok: true; plan: Plan } | { ok: false; problems: CompileProblem[] };
