import { z } from 'zod';
import type { CallOptions, ChatMessage, FinishReason, LanguageModel, Usage } from '@weft/llm-gateway/spec';
import { EngineError } from '../spec/errors';
import { defineNode, type NodeContext } from '../spec/node';
import { renderTemplate, templateSelectors, valueToText, variableSelectorSchema, type VariableSelector } from '../spec/variables';
import { readInput } from './shared/read-input';
import { uniqueSelectors } from './shared/unique-selectors';

/** Dify's placeholder for the context value inside prompt texts. */
export const CONTEXT_PLACEHOLDER = '{{#context#}}';
const HISTORY_SELECTOR: VariableSelector = ['sys', 'history'];

const promptMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  /** Text with `{{#node.field#}}` references and `{{#context#}}`. */
  text: z.string(),
});

export const llmConfigSchema = z
  .object({
    model: z.object({
      id: z.string().regex(/^[a-z0-9][a-z0-9_-]*:\S.*$/, 'expected "provider:model", e.g. "openai:gpt-4o-mini"'),
      completionParams: z
        .object({
          temperature: z.number().min(0).max(2).optional(),
          maxTokens: z.number().int().positive().optional(),
          topP: z.number().min(0).max(1).optional(),
          stop: z.array(z.string().min(1)).max(4).optional(),
        })
        .optional(),
    }),
    promptTemplate: z.array(promptMessageSchema).min(1, 'add at least one prompt message'),
    /** Prior chat turns from `sys.history`; `windowSize` counts messages. */
    memory: z.object({ enabled: z.boolean(), windowSize: z.number().int().min(1).max(100) }).optional(),
    context: z.object({ enabled: z.boolean(), variableSelector: variableSelectorSchema.optional() }).optional(),
    responseFormat: z.enum(['text', 'json']).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.context?.enabled === true && config.context.variableSelector === undefined) {
      ctx.addIssue({ code: 'custom', path: ['context', 'variableSelector'], message: 'Context is enabled: pick the variable it reads (usually a knowledge retrieval result)' });
    }
  });
export type LlmConfig = z.infer<typeof llmConfigSchema>;

/** Context text: retrieval hits' `content` joined by blank lines; other values as text. */
function contextText(value: unknown): string {
  if (!Array.isArray(value)) return valueToText(value);
  return value
    .map((item) => (typeof item === 'object' && item !== null && 'content' in item && typeof item.content === 'string' ? item.content : valueToText(item)))
    .filter((text) => text !== '')
    .join('\n\n');
}

/** The last `windowSize` text messages of `sys.history` (tool traffic is not replayed). */
function historyWindow(value: unknown, windowSize: number): ChatMessage[] {
  if (!Array.isArray(value)) return [];
  const messages: ChatMessage[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { role, content } = item as { role?: unknown; content?: unknown };
    if ((role === 'system' || role === 'user' || role === 'assistant') && typeof content === 'string') messages.push({ role, content });
  }
  return messages.slice(-windowSize);
}

function buildMessages(config: LlmConfig, inputs: Readonly<Record<string, unknown>>): ChatMessage[] {
  const lookup = (selector: VariableSelector) => readInput(inputs, selector);
  const context = config.context?.enabled && config.context.variableSelector ? contextText(lookup(config.context.variableSelector)) : '';
  const rendered = config.promptTemplate
    .map((message) => ({ role: message.role, content: message.text.split(CONTEXT_PLACEHOLDER).map((part) => renderTemplate(part, lookup)).join(context) }))
    .filter((message) => message.content.trim() !== '');
  const history = config.memory?.enabled ? historyWindow(lookup(HISTORY_SELECTOR), config.memory.windowSize) : [];
  return [...rendered.filter((message) => message.role === 'system'), ...history, ...rendered.filter((message) => message.role !== 'system')];
}

function resolveModel(ctx: NodeContext, nodeId: string, id: string): LanguageModel {
  if (ctx.models === undefined) {
    throw new EngineError({
      code: 'model_unavailable',
      nodeId,
      message: `LLM node needs model "${id}" but no model provider is configured: pass \`models\` (the gateway's model registry) in the execution context.`,
    });
  }
  try {
    return ctx.models.languageModel(id);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EngineError({ code: 'model_unavailable', nodeId, message: `Model "${id}" is not available: ${reason}`, cause: error });
  }
}

/** Calls a chat model with rendered prompts (plus context and memory) and streams its answer. */
export const llmNode = defineNode<LlmConfig>({
  type: 'llm',
  version: 1,
  config: llmConfigSchema,
  streams: true,
  outputs: () => [
    { name: 'text', type: 'string' },
    { name: 'usage', type: 'object' },
    { name: 'finish_reason', type: 'string' },
  ],
  references: (config) =>
    uniqueSelectors([
      ...config.promptTemplate.flatMap((message) => templateSelectors(message.text)),
      ...(config.context?.enabled && config.context.variableSelector ? [config.context.variableSelector] : []),
      ...(config.memory?.enabled ? [HISTORY_SELECTOR] : []),
    ]),
  run: async ({ node, config, inputs, ctx }) => {
    const model = resolveModel(ctx, node.id, config.model.id);
    const messages = buildMessages(config, inputs);
    if (messages.length === 0) {
      throw new EngineError({ code: 'node_failed', nodeId: node.id, message: 'Every prompt message rendered empty: check that the variables the prompt uses have values.' });
    }
    const params = config.model.completionParams;
    const options: CallOptions = {
      messages,
      temperature: params?.temperature,
      maxTokens: params?.maxTokens,
      topP: params?.topP,
      stop: params?.stop,
      responseFormat: config.responseFormat === 'json' ? { type: 'json' } : undefined,
      signal: ctx.signal,
    };
    let text = '';
    let usage: Usage = { inputTokens: 0, outputTokens: 0 };
    let finishReason: FinishReason | undefined;
    for await (const part of model.doStream(options)) {
      if (part.type === 'text-delta' && part.text !== '') {
        text += part.text;
        ctx.emitText(part.text);
      } else if (part.type === 'finish') {
        finishReason = part.finishReason;
        usage = { inputTokens: part.usage.inputTokens, outputTokens: part.usage.outputTokens };
      } else if (part.type === 'error') {
        throw part.error;
      }
    }
    if (finishReason === undefined) ctx.logger.warn('model stream ended without a finish part', { nodeId: node.id, model: config.model.id });
    return { outputs: { text, usage, finish_reason: finishReason ?? 'other' }, usage, metadata: { model: config.model.id } };
  },
});
