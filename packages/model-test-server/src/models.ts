import type { ServerResponse } from 'node:http';
import { sendJson } from './http-io';

export const testChatModelId = 'weft-test-model';
export const testEmbeddingModelId = 'weft-test-embedding';
/** Requests naming this model get OpenAI's 404 `model_not_found`. */
export const missingModelId = 'missing-model';

const created = 1_767_225_600;

/** GET /v1/models. Any other model id is accepted too: the server answers every model the same way. */
export function handleListModels(response: ServerResponse): void {
  sendJson(response, 200, {
    object: 'list',
    data: [testChatModelId, testEmbeddingModelId].map((id) => ({ id, object: 'model', created, owned_by: 'weft' })),
  });
}
