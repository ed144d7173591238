export { createOpenAIProvider, openAIDefaultBaseURL } from './create-openai-provider';
export type { OpenAIEmbeddingOptions, OpenAIProvider } from './create-openai-provider';
export { mapOpenAIError, parseRetryAfter } from './map-openai-error';
export { mapOpenAIFinishReason } from './map-openai-finish-reason';
