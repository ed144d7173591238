import type { FinishReason } from '../../spec';

const finishReasons: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

/** OpenAI's `finish_reason` → the gateway's FinishReason; anything unknown is `other`. */
export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  return (reason && finishReasons[reason]) || 'other';
}
