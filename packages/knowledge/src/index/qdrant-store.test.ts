import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../spec';
import { pointId, createQdrantStore } from './qdrant-store';
import { describeVectorStoreContract } from './vector-store.contract';

// There is no Qdrant on the development machines or in CI (no npm or Debian package); a user who runs one sets
// QDRANT_URL (and QDRANT_API_KEY) to run the whole contract against it. Skipping it is not a CI failure.
const url = process.env.QDRANT_URL;

if (url === undefined || url === '') {
  console.warn('\n!!!!!!!! SKIPPING the Qdrant VectorStore contract: QDRANT_URL is not set. Start Qdrant and set QDRANT_URL to run it. !!!!!!!!\n');
} else {
  describeVectorStoreContract(`Qdrant at ${url}`, async () =>
    createQdrantStore({ url, apiKey: process.env.QDRANT_API_KEY, collectionPrefix: `weft_test_${randomUUID().slice(0, 8)}` }),
  );
}

describe('createQdrantStore without a server', () => {
  it('fails with a retryable vector_store_unavailable that names QDRANT_URL', async () => {
    const store = createQdrantStore({ url: 'http://127.0.0.1:1', collectionPrefix: 'weft_unreachable' });
    const error = await store.ensureCollection('kb', 4).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect(error).toMatchObject({ code: 'vector_store_unavailable', isRetryable: true });
    expect((error as Error).message).toMatch(/QDRANT_URL/);
  });

  it('refuses impossible dimensions before any request', async () => {
    const store = createQdrantStore({ url: 'http://127.0.0.1:1', collectionPrefix: 'weft_unreachable' });
    await expect(store.ensureCollection('kb', 0)).rejects.toMatchObject({ code: 'invalid_settings' });
  });

  it('maps ids to stable UUIDs', () => {
    expect(pointId('segment-1')).toBe(pointId('segment-1'));
    expect(pointId('segment-1')).not.toBe(pointId('segment-2'));
    expect(pointId('segment-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
