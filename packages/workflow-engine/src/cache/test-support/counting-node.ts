import { z } from 'zod';
import type { CacheDependency, Logger, NodeContext, NodeDefinition, NodeResult, NodeRunArgs, NodeSettings } from '../../spec';

export const countingConfigSchema = z.object({ prompt: z.string().default('Say hi to {{#start.name#}}') });
export type CountingConfig = z.infer<typeof countingConfigSchema>;

export interface CountingNodeOptions {
  type?: string;
  /** Text chunks to emit, one per tick. */
  chunks?: string[];
  /** Time each run takes before answering. */
  delayMs?: number;
  /** Makes `run` throw this many times first. */
  failures?: number;
  /** Hits the node returns (0 → empty result, for negative caching). */
  hitCount?: number;
  dependencies?: CacheDependency[];
}

export interface CountingNode {
  definition: NodeDefinition<CountingConfig>;
  /** Executions of `run` that reached the node (cache hits never do). */
  readonly executions: number;
}

/** A node type that counts its executions, streams chunks and reports usage, standing in for an LLM node. */
export function createCountingNode(options: CountingNodeOptions = {}): CountingNode {
  let executions = 0;
  let failuresLeft = options.failures ?? 0;
  const definition: NodeDefinition<CountingConfig> = {
    type: options.type ?? 'llm',
    version: 1,
    config: countingConfigSchema,
    outputs: () => [{ name: 'text', type: 'string' }],
    references: () => [['start', 'name']],
    dependencies: options.dependencies ? () => options.dependencies ?? [] : undefined,
    streams: true,
    isEmptyResult: (result) => result.metadata?.hitCount === 0,
    async run({ inputs, ctx }): Promise<NodeResult> {
      executions++;
      const chunks = options.chunks ?? ['Hel', 'lo'];
      for (const chunk of chunks) {
        await sleep(options.delayMs ? options.delayMs / chunks.length : 0, ctx.signal);
        ctx.emitText(chunk);
      }
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('model failed');
      }
      return {
        outputs: { text: `${chunks.join('')} ${String(inputs['start.name'])}`, execution: executions },
        usage: { inputTokens: 10, outputTokens: chunks.length },
        metadata: { model: 'test:counting', hitCount: options.hitCount ?? 1 },
      };
    },
  };
  return {
    definition,
    get executions() {
      return executions;
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

export interface RecordedRun {
  args: NodeRunArgs<CountingConfig>;
  chunks: string[];
  warnings: string[];
  controller: AbortController;
}

/** Arguments for calling a wrapped definition's `run` directly, recording chunks and warnings. */
export function runArgs(name: string, settings: Partial<NodeSettings> = {}, config: CountingConfig = { prompt: 'Say hi to {{#start.name#}}' }): RecordedRun {
  const chunks: string[] = [];
  const warnings: string[] = [];
  const controller = new AbortController();
  const ignore = () => undefined;
  const logger: Logger = { debug: ignore, info: ignore, error: (message) => warnings.push(message), warn: (message) => warnings.push(message) };
  const ctx: NodeContext = {
    runId: 'run',
    nodeId: 'llm-1',
    signal: controller.signal,
    emitText: (text) => chunks.push(text),
    runInputs: {},
    models: undefined,
    retriever: undefined,
    clock: { now: () => Date.now() },
    logger,
  };
  const args: NodeRunArgs<CountingConfig> = {
    node: { id: 'llm-1', type: 'llm', title: 'LLM' },
    config,
    settings: { errorStrategy: 'none', ...settings },
    inputs: { 'start.name': name },
    ctx,
  };
  return { args, chunks, warnings, controller };
}
