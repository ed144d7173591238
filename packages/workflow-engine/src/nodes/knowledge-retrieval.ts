import { z } from 'zod';
import { EngineError } from '../spec/errors';
import { defineNode } from '../spec/node';
import type { RetrievalHit } from '../spec/retriever';
import { valueToText, variableSelectorSchema } from '../spec/variables';
import { readInput } from './shared/read-input';

export const knowledgeRetrievalConfigSchema = z.object({
  queryVariableSelector: variableSelectorSchema,
  knowledgeBaseIds: z.array(z.string().min(1)).min(1, 'pick at least one knowledge base'),
  retrievalMode: z.enum(['vector', 'keyword', 'hybrid']).default('hybrid'),
  topK: z.number().int().min(1).max(50).default(4),
  scoreThreshold: z.number().min(0).max(1).optional(),
  filters: z
    .object({
      documentIds: z.array(z.string().min(1)).optional(),
      tags: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});
export type KnowledgeRetrievalConfig = z.infer<typeof knowledgeRetrievalConfigSchema>;

/** One passage in the node's `result` output (what an LLM node's context reads). */
export interface RetrievedPassage {
  content: string;
  score: number;
  /** The document's name. */
  title: string;
  source: RetrievalHit['source'];
  metadata: Record<string, unknown>;
}

const toPassage = (hit: RetrievalHit): RetrievedPassage => ({
  content: hit.content,
  score: hit.score,
  title: hit.source.documentName,
  source: hit.source,
  metadata: hit.metadata ?? {},
});

/** Finds passages for a query in the configured knowledge bases through the injected retriever. */
export const knowledgeRetrievalNode = defineNode<KnowledgeRetrievalConfig>({
  type: 'knowledge-retrieval',
  version: 1,
  config: knowledgeRetrievalConfigSchema,
  outputs: () => [{ name: 'result', type: 'array[object]' }],
  references: (config) => [config.queryVariableSelector],
  dependencies: (config) => [...new Set(config.knowledgeBaseIds)].map((id) => ({ scope: 'knowledge-base', id })),
  isEmptyResult: (result) => !Array.isArray(result.outputs.result) || result.outputs.result.length === 0,
  run: async ({ node, config, inputs, ctx }) => {
    if (ctx.retriever === undefined) {
      throw new EngineError({
        code: 'retriever_unavailable',
        nodeId: node.id,
        message: 'Knowledge retrieval needs a retriever: pass one as `retriever` in the execution context (packages/knowledge provides it).',
      });
    }
    const query = valueToText(readInput(inputs, config.queryVariableSelector)).trim();
    if (query === '') {
      ctx.logger.debug('knowledge retrieval skipped: empty query', { nodeId: node.id });
      return { outputs: { result: [] }, metadata: { hitCount: 0, mode: config.retrievalMode } };
    }
    const hits = await ctx.retriever.retrieve({
      knowledgeBaseIds: config.knowledgeBaseIds,
      query,
      topK: config.topK,
      scoreThreshold: config.scoreThreshold,
      mode: config.retrievalMode,
      filters: config.filters,
      signal: ctx.signal,
    });
    // The retriever owns ranking; these guards only keep its answer within what the node promised.
    const threshold = config.scoreThreshold ?? Number.NEGATIVE_INFINITY;
    const result = hits
      .filter((hit) => hit.score >= threshold)
      .sort((left, right) => right.score - left.score)
      .slice(0, config.topK)
      .map(toPassage);
    return { outputs: { result }, metadata: { hitCount: result.length, mode: config.retrievalMode } };
  },
});
