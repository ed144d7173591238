import { z } from 'zod';

/**
 * A node on the canvas. `data` holds the node type's own config (validated by that type's zod schema at
 * compile time) plus the common behaviour fields in `nodeSettingsSchema` (retry, error strategy, timeout, cache).
 */
export const workflowNodeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  title: z.string().default(''),
  data: z.record(z.string(), z.unknown()).default({}),
  /** Canvas position; the engine ignores it. */
  position: z.object({ x: z.number(), y: z.number() }).optional(),
});

/** A directed edge. `sourceHandle` names the branch of the source node it leaves from (`source` by default). */
export const workflowEdgeSchema = z.object({
  id: z.string().optional(),
  source: z.string().min(1),
  sourceHandle: z.string().min(1).default('source'),
  target: z.string().min(1),
});

/** A workflow graph, close to Dify's DSL `workflow.graph` so importing Dify apps is a mapping. */
export const workflowSchema = z.object({
  nodes: z.array(workflowNodeSchema),
  edges: z.array(workflowEdgeSchema),
});

export type WorkflowNode = z.infer<typeof workflowNodeSchema>;
export type WorkflowEdge = z.infer<typeof workflowEdgeSchema>;
export type Workflow = z.infer<typeof workflowSchema>;
export type WorkflowInput = z.input<typeof workflowSchema>;

/** The handle every node has unless its type declares others. */
export const DEFAULT_HANDLE = 'source';
/** The extra handle a node with error strategy `fail-branch` gets; taken when the node fails. */
export const FAIL_BRANCH_HANDLE = 'fail-branch';

/**
 * Behaviour common to every node type (Dify's retry_config / error_strategy / default_value, plus weft's
 * per-node timeout and cache settings). Read by the engine and the cache decorator, not by node types.
 */
export const nodeSettingsSchema = z.object({
  retry: z
    .object({
      maxRetries: z.number().int().min(0).max(10),
      intervalMs: z.number().int().min(0).max(60_000).default(1000),
    })
    .optional(),
  /**
   * `none`: a failure fails the run. `default-value`: the node succeeds with `defaultValue` as outputs
   * (plus `error_message`). `fail-branch`: the node's `fail-branch` handle is taken instead of `source`,
   * with outputs `{ error_message, error_type }`.
   */
  errorStrategy: z.enum(['none', 'default-value', 'fail-branch']).default('none'),
  defaultValue: z.record(z.string(), z.unknown()).optional(),
  /** Per-node timeout; overrides the run's default. */
  timeoutMs: z.number().int().positive().optional(),
  /** Per-node cache settings, read by `withCache`. */
  cache: z
    .object({
      enabled: z.boolean().default(true),
      ttlSeconds: z.number().int().positive().optional(),
    })
    .optional(),
});

export type NodeSettings = z.infer<typeof nodeSettingsSchema>;
