import { mkdtemp, open, readdir, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedVectorStore } from './embedded-vector-store';
import { axisVector, describeVectorStoreContract } from './vector-store.contract';

const dataDir = await mkdtemp(join(tmpdir(), 'weft-vectors-'));
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

// A minimal exclusive lock like the one @weft/db provides, to check the store takes and releases it.
const lockFile = async (directory: string) => {
  const path = `${directory}.lock`;
  const handle = await open(path, 'wx');
  await handle.close();
  return () => unlink(path);
};

describe('createEmbeddedVectorStore', () => {
  it('keeps vectors under <dataDir>/vectors across a close and a reopen, holding the lock while open', async () => {
    const directory = join(dataDir, 'shared');
    const segment = { segmentId: 'kept', knowledgeBaseId: 'kb-disk', documentId: 'd', documentName: 'D.md', content: 'kept on disk', tags: ['t'] };
    const first = createEmbeddedVectorStore({ dataDir: directory, lockDirectory: lockFile });
    await first.ensureCollection('kb-disk', 4);
    await first.upsert([{ segment, vector: axisVector(4, 1) }]);
    expect(await readdir(directory)).toEqual(expect.arrayContaining(['vectors', 'vectors.lock']));
    const second = createEmbeddedVectorStore({ dataDir: directory, lockDirectory: lockFile });
    await expect(second.search(axisVector(4, 1), { knowledgeBaseIds: ['kb-disk'] }, 1)).rejects.toMatchObject({ code: 'vector_store_unavailable' });
    await first.close();
    expect(await readdir(directory)).not.toContain('vectors.lock');

    const hits = await second.search(axisVector(4, 1), { knowledgeBaseIds: ['kb-disk'] }, 1);
    expect(hits.map((hit) => hit.segment)).toEqual([segment]);
    await second.close();
  }, 90_000); // creates a PGlite on disk, then opens it again: seconds each on a busy machine
});

// Runs after the test above, on the same (already initialised) directory: creating a PGlite on disk is slow.
describeVectorStoreContract('embedded pgvector in PGlite on disk', async () => createEmbeddedVectorStore({ dataDir: join(dataDir, 'shared') }));
