/** weft's LLM gateway: one model interface over OpenAI-compatible providers and the local embedding model. */
export * from './spec';
export { createModelRegistry, defaultEmbeddingModelId } from './registry';
export type { WeftModelRegistry } from './registry';
export { createOpenAIProvider } from './providers/openai';
export type { OpenAIProvider } from './providers/openai';
export { createLocalProvider } from './providers/local/create-local-provider';
export * from './middleware';
export { batchEmbeddings } from './middleware/embedding-batcher';
export type { BatchEmbeddingsOptions } from './middleware/embedding-batcher';
export { createGateway } from './create-gateway';
export type { CreateGatewayOptions } from './create-gateway';
