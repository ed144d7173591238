import { z } from 'zod';
import { createNodeRegistry, defineNode, type NodeDefinition, type OutputType } from '../../spec/node';
import { parseTemplate, selectorKey, templateSelectors, valueToText, variableSelectorSchema } from '../../spec/variables';

/** Waits `ms`, rejecting with the signal's reason when it aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const outputTypes = ['string', 'number', 'boolean', 'object', 'file', 'array[string]', 'array[number]', 'array[object]', 'array[file]', 'any'] as const;

/**
 * Test-only node types with observable behaviour (not exported from the package). `start`, `end` and `answer`
 * stand in for the real ones so runtime tests do not depend on src/nodes.
 */
export function createTestNodes() {
  const totalCalls = new Map<string, number>();
  const callsPerRun = new Map<string, number>();

  const start = defineNode({
    type: 'start',
    version: 1,
    config: z.object({ variables: z.array(z.string()).default([]) }),
    outputs: (config) => config.variables.map((name) => ({ name, type: 'any' as const })),
    references: () => [],
    run: async ({ ctx }) => ({ outputs: { ...ctx.runInputs } }),
  });

  const end = defineNode({
    type: 'end',
    version: 1,
    config: z.object({ outputs: z.array(z.object({ variable: z.string(), valueSelector: variableSelectorSchema })).default([]) }),
    outputs: (config) => config.outputs.map((output) => ({ name: output.variable, type: 'any' as const })),
    references: (config) => config.outputs.map((output) => output.valueSelector),
    run: async ({ config, inputs }) => ({
      outputs: Object.fromEntries(config.outputs.map((output) => [output.variable, inputs[selectorKey(output.valueSelector)]])),
    }),
  });

  const answer = defineNode({
    type: 'answer',
    version: 1,
    streams: true,
    config: z.object({ answer: z.string() }),
    outputs: () => [{ name: 'answer', type: 'string' as const }],
    references: (config) => templateSelectors(config.answer),
    run: async ({ config, inputs, ctx }) => {
      let text = '';
      for (const segment of parseTemplate(config.answer)) {
        const piece = segment.kind === 'text' ? segment.text : valueToText(inputs[selectorKey(segment.selector)]);
        if (piece === '') continue;
        ctx.emitText(piece);
        text += piece;
      }
      return { outputs: { answer: text } };
    },
  });

  /** Outputs constants and the values of the selectors it reads, under the names given. */
  const echo = defineNode({
    type: 'echo',
    version: 1,
    config: z.object({
      values: z.record(z.string(), variableSelectorSchema).default({}),
      constants: z.record(z.string(), z.unknown()).default({}),
    }),
    outputs: (config) => [...Object.keys(config.values), ...Object.keys(config.constants)].map((name) => ({ name, type: 'any' as const })),
    references: (config) => Object.values(config.values),
    run: async ({ config, inputs }) => {
      const outputs: Record<string, unknown> = { ...config.constants };
      for (const [name, selector] of Object.entries(config.values)) outputs[name] = inputs[selectorKey(selector)];
      return { outputs };
    },
  });

  /** Declares typed outputs and reads selectors; for compile tests. */
  const typed = defineNode({
    type: 'typed',
    version: 1,
    config: z.object({
      declares: z.array(z.object({ name: z.string(), type: z.enum(outputTypes) })).default([]),
      reads: z.array(variableSelectorSchema).default([]),
      limit: z.number().int().min(1).default(1),
    }),
    outputs: (config) => config.declares.map((output) => ({ name: output.name, type: output.type as OutputType })),
    references: (config) => config.reads,
    run: async () => ({ outputs: {} }),
  });

  const sleep = defineNode({
    type: 'sleep',
    version: 1,
    config: z.object({ ms: z.number().int().min(0), ignoreSignal: z.boolean().default(false) }),
    outputs: () => [{ name: 'slept', type: 'number' as const }],
    references: () => [],
    run: async ({ config, ctx }) => {
      await delay(config.ms, config.ignoreSignal ? undefined : ctx.signal);
      return { outputs: { slept: config.ms } };
    },
  });

  /** Fails its first `failures` calls in each run (with `code` on the error when given), then succeeds. */
  const flaky = defineNode({
    type: 'flaky',
    version: 1,
    config: z.object({ failures: z.number().int().min(0), code: z.string().optional() }),
    outputs: () => [{ name: 'calls', type: 'number' as const }],
    references: () => [],
    run: async ({ config, node, ctx }) => {
      totalCalls.set(node.id, (totalCalls.get(node.id) ?? 0) + 1);
      const runKey = `${ctx.runId}/${node.id}`;
      const calls = (callsPerRun.get(runKey) ?? 0) + 1;
      callsPerRun.set(runKey, calls);
      if (calls <= config.failures) {
        throw Object.assign(new Error(`flaky failure ${calls} of ${config.failures}`), config.code ? { code: config.code } : {});
      }
      return { outputs: { calls } };
    },
  });

  /** Takes the handle named by `choose`, or by the value its `chooseFrom` selector resolves to. */
  const branch = defineNode({
    type: 'branch',
    version: 1,
    config: z.object({ handles: z.array(z.string()).min(1), choose: z.string().optional(), chooseFrom: variableSelectorSchema.optional() }),
    handles: (config) => config.handles,
    outputs: () => [{ name: 'chosen', type: 'string' as const }],
    references: (config) => (config.chooseFrom ? [config.chooseFrom] : []),
    run: async ({ config, inputs }) => {
      const chosen = config.chooseFrom ? String(inputs[selectorKey(config.chooseFrom)]) : (config.choose ?? config.handles[0]!);
      return { outputs: { chosen }, handle: chosen };
    },
  });

  /** Emits `chunks` one by one, `delayMs` apart; outputs their concatenation as `text`. */
  const emit = defineNode({
    type: 'emit',
    version: 1,
    streams: true,
    config: z.object({ chunks: z.array(z.string()), delayMs: z.number().int().min(0).default(0), tokens: z.number().int().min(0).default(0) }),
    outputs: () => [{ name: 'text', type: 'string' as const }],
    references: () => [],
    run: async ({ config, ctx }) => {
      for (const chunk of config.chunks) {
        if (config.delayMs > 0) await delay(config.delayMs, ctx.signal);
        ctx.emitText(chunk);
      }
      return { outputs: { text: config.chunks.join('') }, usage: { inputTokens: config.tokens, outputTokens: config.chunks.length } };
    },
  });

  const definitions: NodeDefinition[] = [start, end, answer, echo, typed, sleep, flaky, branch, emit];
  return {
    definitions,
    registry: createNodeRegistry(definitions),
    /** Calls of a `flaky` node, over all runs. */
    flakyCalls: (nodeId: string) => totalCalls.get(nodeId) ?? 0,
  };
}
