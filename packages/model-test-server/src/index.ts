export { startModelTestServer } from './start-model-test-server';
export type {
  ModelTestServer,
  ModelTestServerDefaults,
  ModelTestServerOptions,
  ModelTestServerStats,
  RecordedRequest,
} from './types';
export type { RequestControl, ScriptStep, TestFault } from './request-control';
export { requestControlSchema, testFaults } from './request-control';
export { embedText } from './embed-text';
export { missingModelId, testChatModelId, testEmbeddingModelId } from './models';
export { replyPrefix } from './chat-reply';
