import type { Logger, ModelProvider, NodeContext, NodeDefinition, NodeResult } from '../../spec/node';
import type { Retriever } from '../../spec/retriever';

export interface TestNodeContext {
  ctx: NodeContext;
  /** Every `emitText` call, in order. */
  chunks: string[];
  /** Every logger call, in order. */
  logs: { level: keyof Logger; message: string; fields?: Record<string, unknown> }[];
}

export interface TestNodeContextOptions {
  nodeId?: string;
  runInputs?: Record<string, unknown>;
  models?: ModelProvider;
  retriever?: Retriever;
  signal?: AbortSignal;
  now?: number;
}

/** A NodeContext for calling a node's `run` directly, recording streamed text and log lines. */
export function createTestNodeContext(options: TestNodeContextOptions = {}): TestNodeContext {
  const chunks: string[] = [];
  const logs: TestNodeContext['logs'] = [];
  const log = (level: keyof Logger) => (message: string, fields?: Record<string, unknown>) => {
    logs.push({ level, message, fields });
  };
  const ctx: NodeContext = {
    runId: 'test-run',
    nodeId: options.nodeId ?? 'node',
    signal: options.signal ?? new AbortController().signal,
    emitText: (text) => chunks.push(text),
    runInputs: options.runInputs ?? {},
    models: options.models,
    retriever: options.retriever,
    clock: { now: () => options.now ?? 0 },
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
  };
  return { ctx, chunks, logs };
}

/** Parses `data` with the definition's schema (throwing on a bad config) and runs it once. */
export async function runNode<Config>(
  definition: NodeDefinition<Config>,
  data: unknown,
  inputs: Record<string, unknown> = {},
  context: TestNodeContext = createTestNodeContext(),
): Promise<NodeResult> {
  const config = definition.config.parse(data);
  return definition.run({
    node: { id: context.ctx.nodeId, type: definition.type, title: definition.type },
    config,
    settings: { errorStrategy: 'none' },
    inputs,
    ctx: context.ctx,
  });
}

/** The zod issue paths a config produces, for asserting where a bad config is reported. */
export function configIssuePaths(definition: NodeDefinition, data: unknown): (string | number)[][] {
  const parsed = definition.config.safeParse(data);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)));
}
