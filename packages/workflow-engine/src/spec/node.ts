import type { z } from 'zod';
import type { LanguageModel, Usage } from '@weft/llm-gateway/spec';
import type { NodeSettings } from './workflow';
import type { VariableSelector } from './variables';
import type { Retriever } from './retriever';

/** Value types a node output may declare (Dify's names). `any` opts out of type checks. */
export type OutputType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'object'
  | 'file'
  | 'array[string]'
  | 'array[number]'
  | 'array[object]'
  | 'array[file]'
  | 'any';

export interface OutputDeclaration {
  name: string;
  type: OutputType;
}

/** Something a node's result depends on besides its inputs; part of its cache key and invalidation tags. */
export interface CacheDependency {
  scope: 'knowledge-base';
  id: string;
}

export interface Clock {
  now(): number;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Resolves `provider:model` ids to language models (the gateway's registry satisfies it). */
export interface ModelProvider {
  languageModel(id: string): LanguageModel;
}

/** What a node's `run` may use. Everything from outside the engine comes in here. */
export interface NodeContext {
  readonly runId: string;
  readonly nodeId: string;
  /** Aborted when the run is cancelled, times out, or this node's timeout passes. */
  readonly signal: AbortSignal;
  /** Streams text to the run's `text-chunk` events, attributed to this node. */
  emitText(text: string): void;
  /** The run's user inputs (what the start node receives). */
  readonly runInputs: Readonly<Record<string, unknown>>;
  readonly models: ModelProvider | undefined;
  readonly retriever: Retriever | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface NodeRunArgs<Config> {
  node: { id: string; type: string; title: string };
  /** The node's data parsed by the type's config schema. */
  config: Config;
  /** Behaviour common to all nodes (retry, error strategy, timeout, cache). */
  settings: NodeSettings;
  /**
   * The resolved value of every selector in `references(config)`, keyed by `selectorKey(selector)`.
   * A node reads upstream values only from here, so its inputs are exactly what the cache key covers.
   * A reference to a skipped node or a missing field resolves to `undefined`.
   */
  inputs: Readonly<Record<string, unknown>>;
  ctx: NodeContext;
}

export interface NodeResult {
  outputs: Record<string, unknown>;
  /** The outgoing handle to follow; `source` when omitted. Branching nodes always set it. */
  handle?: string;
  usage?: Usage;
  /** True when `withCache` served the result from a cache store. */
  cached?: boolean;
  /** Extra facts for the trace (model used, hit count…). */
  metadata?: Record<string, unknown>;
}

/**
 * A node type: one plain object per type, one file per type. The engine compiles node data with `config`,
 * checks references and handles with the functions below, and calls `run` with fresh arguments per run.
 */
export interface NodeDefinition<Config = any> {
  readonly type: string;
  /** Bump when `run`'s behaviour changes so cached results of the old version are not reused. */
  readonly version: number;
  /** Schema of the node's data (unknown keys are ignored, so common settings can sit beside them). */
  readonly config: z.ZodType<Config>;
  /** Every outgoing handle the node can take. Default: `['source']`. */
  handles?(config: Config): string[];
  /** Outputs the node declares, checked against references at compile time. */
  outputs(config: Config): OutputDeclaration[];
  /** Every variable the node reads. The engine resolves them into `inputs`. */
  references(config: Config): VariableSelector[];
  /** Cache dependencies beyond inputs (e.g. the knowledge bases a retrieval reads). */
  dependencies?(config: Config): CacheDependency[];
  /** True for nodes that emit text chunks (llm, answer). */
  readonly streams?: boolean;
  /** True when a result counts as empty, for negative caching (e.g. retrieval with no hits). */
  isEmptyResult?(result: NodeResult): boolean;
  run(args: NodeRunArgs<Config>): Promise<NodeResult>;
}

/** Identity helper that infers `Config` from the schema. */
export function defineNode<Config>(definition: NodeDefinition<Config>): NodeDefinition<Config> {
  return definition;
}

/** The node types a compile may use, by type name. */
export interface NodeRegistry {
  get(type: string): NodeDefinition | undefined;
  types(): string[];
}

export function createNodeRegistry(definitions: Iterable<NodeDefinition>): NodeRegistry {
  const byType = new Map<string, NodeDefinition>();
  for (const definition of definitions) byType.set(definition.type, definition);
  return {
    get: (type) => byType.get(type),
    types: () => [...byType.keys()],
  };
}
