import { beforeAll, expect, it } from 'vitest';
import type { IngestProgress } from '@weft/knowledge/spec';
import { describeBothDatabases } from '../../test-support/test-services';
import { seedWorkspaces, type SeededWorkspaces } from '../test-support/seed-workspaces';
import { expectTrpcError } from '../test-support/test-caller';

const maxUploadBytes = 64 * 1024;
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

const refundPolicy = 'Refunds are accepted within 14 days of purchase. Bring the receipt to any store.';
const shippingPolicy = 'Parcels ship from the Lyon warehouse every weekday; delivery takes three days.';

describeBothDatabases(
  'knowledge router',
  ({ services }) => {
    let seed: SeededWorkspaces;
    let knowledgeBaseId: string;

    const drain = () => services().knowledge.queue.drain();
    const documents = () => seed.viewer.caller.knowledge.documents.list({ knowledgeBaseId });
    const search = (query: string, mode: 'vector' | 'keyword' | 'hybrid' = 'hybrid') =>
      seed.viewer.caller.knowledge.retrievalTest({ knowledgeBaseId, query, topK: 3, mode });

    beforeAll(async () => {
      seed = await seedWorkspaces(services(), 'knowledge');
      const created = await seed.editor.caller.knowledge.create({ workspaceId: seed.workspaceId, name: 'Policies', embeddingModel: 'local:use-lite' });
      knowledgeBaseId = created.id;
    });

    it('creates, lists and reads a knowledge base with default chunk settings', async () => {
      const listed = await seed.viewer.caller.knowledge.list({ workspaceId: seed.workspaceId });
      expect(listed.map((knowledgeBase) => knowledgeBase.name)).toEqual(['Policies']);
      const read = await seed.viewer.caller.knowledge.get({ knowledgeBaseId });
      expect(read).toMatchObject({ id: knowledgeBaseId, workspaceId: seed.workspaceId, embeddingModel: 'local:use-lite', documentCount: 0 });
      expect(read.chunkSettings).toMatchObject({ mode: 'general', maxTokens: 500, overlapTokens: 50 });
      expect(typeof read.createdAt).toBe('string');
    });

    it('ingests pasted text and an uploaded file, reporting progress to a subscriber, then finds them', async () => {
      const reports: IngestProgress[] = [];
      const subscription = await seed.viewer.caller.knowledge.documents.progress({ knowledgeBaseId });
      const watching = (async () => {
        for await (const report of subscription) {
          reports.push(report);
          if (reports.filter((seen) => seen.status === 'completed').length === 2) return;
        }
      })();

      const text = await seed.editor.caller.knowledge.documents.createFromText({ knowledgeBaseId, name: 'refunds', text: refundPolicy, tags: ['policy'] });
      const file = await seed.editor.caller.knowledge.documents.upload({ knowledgeBaseId, fileName: 'shipping.md', contentBase64: base64(`# Shipping\n\n${shippingPolicy}`) });
      expect(text).toMatchObject({ name: 'refunds', source: 'text', tags: ['policy'] });
      expect(file).toMatchObject({ name: 'shipping.md', source: 'upload' });
      await drain();
      await watching;

      const statuses = reports.filter((report) => report.documentId === text.id).map((report) => report.status);
      expect(statuses[0]).toBe('queued');
      expect(statuses).toContain('embedding');
      expect(statuses.at(-1)).toBe('completed');
      const listed = await documents();
      expect(listed.map((document) => [document.name, document.status, document.progress, document.error])).toEqual([
        ['shipping.md', 'completed', 100, null],
        ['refunds', 'completed', 100, null],
      ]);
      expect(listed.every((document) => document.segmentCount > 0 && document.tokens > 0)).toBe(true);

      for (const mode of ['vector', 'keyword', 'hybrid'] as const) {
        const { hits } = await search('how many days do I have to get a refund', mode);
        expect(hits[0]?.content, mode).toBe(refundPolicy);
        expect(hits[0]?.source).toMatchObject({ knowledgeBaseId, documentId: text.id, documentName: 'refunds' });
      }
      const { hits } = await search('which warehouse do parcels ship from', 'hybrid');
      expect(hits[0]?.content).toContain('Lyon warehouse');
    });

    it('refuses bad uploads with a code and a message that says what to do, storing nothing', async () => {
      const before = await documents();
      const upload = (fileName: string, contentBase64: string) => seed.editor.caller.knowledge.documents.upload({ knowledgeBaseId, fileName, contentBase64 });
      const unsupported = await expectTrpcError(upload('tool.exe', base64('MZ')), 'UNSUPPORTED_MEDIA_TYPE', 'unsupported_file_type');
      expect(unsupported.message).toContain('pdf');
      await expectTrpcError(upload('empty.txt', ''), 'BAD_REQUEST', 'empty_document');
      const oversize = await expectTrpcError(upload('big.txt', base64('x'.repeat(maxUploadBytes + 1))), 'PAYLOAD_TOO_LARGE', 'file_too_large');
      expect(oversize.message).toContain('WEFT_MAX_UPLOAD_BYTES');
      const badBase64 = await expectTrpcError(upload('notes.txt', 'this is not base64!'), 'BAD_REQUEST', 'invalid_param');
      expect(badBase64.message).toContain('base64');
      await expectTrpcError(seed.editor.caller.knowledge.documents.createFromText({ knowledgeBaseId, name: 'blank', text: '  \n ' }), 'BAD_REQUEST', 'empty_document');
      expect(await documents()).toEqual(before);
      expect(await services().prisma.uploadFile.count({ where: { name: { in: ['tool.exe', 'empty.txt', 'big.txt', 'notes.txt'] } } })).toBe(0);
    });

    it('fails a corrupt file with the reason on its document and leaves the knowledge base untouched', async () => {
      const segmentsBefore = await services().prisma.segment.count({ where: { knowledgeBaseId } });
      const corrupt = await seed.editor.caller.knowledge.documents.upload({ knowledgeBaseId, fileName: 'broken.pdf', contentBase64: base64('%PDF-1.7 this is not really a pdf') });
      await drain();
      const stored = (await documents()).find((document) => document.id === corrupt.id);
      expect(stored?.status).toBe('error');
      expect(stored?.error?.code).toMatch(/corrupt_file|parse_failed/);
      expect(stored?.error?.message.length).toBeGreaterThan(20);
      expect(await services().prisma.segment.count({ where: { knowledgeBaseId } })).toBe(segmentsBefore);
      expect((await search('refund within 14 days', 'keyword')).hits[0]?.content).toBe(refundPolicy);
      // Retrying runs it again (and fails the same way), without touching the others.
      await seed.editor.caller.knowledge.documents.retry({ knowledgeBaseId, documentId: corrupt.id });
      await drain();
      expect((await documents()).find((document) => document.id === corrupt.id)?.status).toBe('error');
      await seed.editor.caller.knowledge.documents.delete({ knowledgeBaseId, documentId: corrupt.id });
    });

    it('previews chunks without storing anything, and refuses invalid settings', async () => {
      const text = Array.from({ length: 40 }, (_, index) => `Sentence number ${index} talks about topic ${index % 5}.`).join(' ');
      const preview = await seed.viewer.caller.knowledge.previewChunks({ knowledgeBaseId, text, chunkSettings: { mode: 'general', maxTokens: 32, overlapTokens: 0 } });
      expect(preview.chunks.length).toBeGreaterThan(3);
      expect(preview.chunks.every((chunk) => chunk.tokens <= 32)).toBe(true);
      await expectTrpcError(
        seed.viewer.caller.knowledge.previewChunks({ knowledgeBaseId, text, chunkSettings: { mode: 'general', maxTokens: 32, overlapTokens: 40 } }),
        'BAD_REQUEST',
        'invalid_settings',
      );
    });

    it('lets an editor rename it and change its chunk settings, and refuses an embedding model nobody serves', async () => {
      const updated = await seed.editor.caller.knowledge.update({
        knowledgeBaseId,
        name: 'Store policies',
        description: 'What the shops promise',
        chunkSettings: { mode: 'general', maxTokens: 300, overlapTokens: 30 },
      });
      expect(updated).toMatchObject({ name: 'Store policies', description: 'What the shops promise', embeddingModel: 'local:use-lite' });
      expect(updated.chunkSettings).toMatchObject({ mode: 'general', maxTokens: 300, overlapTokens: 30 });
      const refused = await expectTrpcError(seed.editor.caller.knowledge.update({ knowledgeBaseId, embeddingModel: 'nowhere:embedder' }), 'BAD_REQUEST', 'invalid_param');
      expect(refused.message).toContain('nowhere:embedder');
      await expectTrpcError(seed.editor.caller.knowledge.update({ knowledgeBaseId, embeddingModel: 'no-colon' }), 'BAD_REQUEST');
      await seed.editor.caller.knowledge.update({ knowledgeBaseId, name: 'Policies' });
    });

    it('lets viewers read and test retrieval but not change anything', async () => {
      const viewer = seed.viewer.caller.knowledge;
      await expectTrpcError(viewer.create({ workspaceId: seed.workspaceId, name: 'Nope', embeddingModel: 'local:use-lite' }), 'FORBIDDEN', 'forbidden');
      await expectTrpcError(viewer.update({ knowledgeBaseId, name: 'Renamed' }), 'FORBIDDEN', 'forbidden');
      await expectTrpcError(viewer.documents.createFromText({ knowledgeBaseId, name: 'x', text: 'y' }), 'FORBIDDEN', 'forbidden');
      await expectTrpcError(viewer.delete({ knowledgeBaseId }), 'FORBIDDEN', 'forbidden');
      expect((await viewer.get({ knowledgeBaseId })).name).toBe('Policies');
    });

    it("keeps workspace B's members out of workspace A's knowledge base", async () => {
      const outsider = seed.outsider.caller.knowledge;
      await expectTrpcError(outsider.get({ knowledgeBaseId }), 'NOT_FOUND', 'not_found');
      await expectTrpcError(outsider.retrievalTest({ knowledgeBaseId, query: 'refund', topK: 3, mode: 'keyword' }), 'NOT_FOUND', 'not_found');
      await expectTrpcError(outsider.documents.createFromText({ knowledgeBaseId, name: 'planted', text: 'planted text' }), 'NOT_FOUND', 'not_found');
      await expectTrpcError(outsider.list({ workspaceId: seed.workspaceId }), 'NOT_FOUND', 'not_found');
      expect(await seed.outsider.caller.knowledge.list({ workspaceId: seed.otherWorkspaceId })).toEqual([]);
    });

    it('deletes a document from the indexes and the knowledge base with everything in it', async () => {
      const refunds = (await documents()).find((document) => document.name === 'refunds');
      await seed.editor.caller.knowledge.documents.delete({ knowledgeBaseId, documentId: refunds?.id ?? '' });
      for (const mode of ['vector', 'keyword'] as const) {
        const { hits } = await search('refund within 14 days', mode);
        expect(hits.map((hit) => hit.content).includes(refundPolicy), mode).toBe(false);
      }
      await seed.editor.caller.knowledge.delete({ knowledgeBaseId });
      await expectTrpcError(seed.viewer.caller.knowledge.get({ knowledgeBaseId }), 'NOT_FOUND', 'not_found');
      expect(await services().prisma.segment.count({ where: { knowledgeBaseId } })).toBe(0);
      expect(await services().prisma.uploadFile.count({ where: { name: 'shipping.md' } })).toBe(0);
    });
  },
  { env: { WEFT_MAX_UPLOAD_BYTES: String(maxUploadBytes) } },
);
