import { isGatewayError } from '@weft/llm-gateway/spec';
import { KnowledgeError } from '../../spec';

/** The step of an ingestion that failed; unknown errors get a code and retryability from it. */
export type IngestStage = 'loading' | 'parsing' | 'chunking' | 'embedding' | 'indexing';

/**
 * Every failure of an ingestion as a KnowledgeError: knowledge errors as they are, gateway errors as
 * `embedding_failed` (retryable when the gateway says so), anything else by the step it happened in.
 */
export function toKnowledgeError(error: unknown, stage: IngestStage, embeddingModel: string): KnowledgeError {
  if (error instanceof KnowledgeError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (isGatewayError(error)) {
    return new KnowledgeError(
      'embedding_failed',
      `Embedding with "${embeddingModel}" failed (${error.code}): ${reason}${error.isRetryable ? ' It will be retried; retry the document if it keeps failing.' : ''}`,
      { isRetryable: error.isRetryable, cause: error },
    );
  }
  switch (stage) {
    case 'loading':
      return new KnowledgeError('parse_failed', `The document's source could not be loaded: ${reason}. Retry the document; upload it again if it keeps failing.`, {
        isRetryable: true,
        cause: error,
      });
    case 'parsing':
    case 'chunking':
      return new KnowledgeError('parse_failed', `The document could not be ${stage === 'parsing' ? 'read' : 'chunked'}: ${reason}.`, { cause: error });
    case 'embedding':
      return new KnowledgeError('embedding_failed', `Embedding with "${embeddingModel}" failed: ${reason}. Check the model's provider, then retry the document.`, {
        isRetryable: true,
        cause: error,
      });
    case 'indexing':
      return new KnowledgeError('vector_store_unavailable', `The document could not be indexed: ${reason}. Check the vector store, then retry the document.`, {
        isRetryable: true,
        cause: error,
      });
  }
}
