import type { Usage } from '@weft/llm-gateway/spec';
import type { RunErrorInfo, RunEvent } from '@weft/workflow-engine/spec';
import { AppError } from '../errors';

/** Dify's `metadata.usage`. weft accounts tokens, not prices, here: prices are "0". */
export function difyUsage(usage: Usage, elapsedMs: number) {
  return {
    prompt_tokens: usage.inputTokens,
    prompt_unit_price: '0',
    prompt_price_unit: '0',
    prompt_price: '0',
    completion_tokens: usage.outputTokens,
    completion_unit_price: '0',
    completion_price_unit: '0',
    completion_price: '0',
    total_tokens: usage.inputTokens + usage.outputTokens,
    total_price: '0',
    currency: 'USD',
    latency: elapsedMs / 1000,
  };
}

/** Dify's `retriever_resources` from knowledge-retrieval passages (the engine's `RetrievedPassage`s). */
export function retrieverResources(passages: readonly unknown[]) {
  return passages.flatMap((passage, index) => {
    if (typeof passage !== 'object' || passage === null) return [];
    const { content, score, title, source } = passage as { content?: unknown; score?: unknown; title?: unknown; source?: Record<string, unknown> };
    return [
      {
        position: index + 1,
        dataset_id: source?.knowledgeBaseId ?? null,
        dataset_name: null,
        document_id: source?.documentId ?? null,
        document_name: typeof title === 'string' ? title : (source?.documentName ?? null),
        segment_id: source?.segmentId ?? null,
        retriever_from: 'api',
        score: typeof score === 'number' ? score : null,
        content: typeof content === 'string' ? content : '',
      },
    ];
  });
}

/** Passages of the run's knowledge-retrieval nodes, from its events. */
export function passagesOf(events: readonly RunEvent[]): unknown[] {
  const passages: unknown[] = [];
  for (const event of events) {
    if (event.type !== 'node-finished' || event.nodeType !== 'knowledge-retrieval') continue;
    if (Array.isArray(event.outputs.result)) passages.push(...(event.outputs.result as unknown[]));
  }
  return passages;
}

/** Dify's workflow-run statuses. */
export function difyRunStatus(status: 'running' | 'succeeded' | 'failed' | 'cancelled'): string {
  return status === 'cancelled' ? 'stopped' : status;
}

/** How a failed run is answered: bad inputs are the caller's to fix (400 invalid_param), the rest Dify's completion errors. */
export function runFailure(error: RunErrorInfo | undefined): AppError {
  const message = error?.message ?? 'The run failed without an error message.';
  switch (error?.code) {
    case 'invalid_input':
      return new AppError('invalid_param', `${message}. Check the inputs against GET /v1/parameters.`);
    case 'model_unavailable':
      return new AppError('provider_not_initialize', `${message}. Configure the model provider in the workspace settings.`);
    case 'internal_error':
      return new AppError('internal_server_error', message);
    default:
      return new AppError('completion_request_error', message);
  }
}
