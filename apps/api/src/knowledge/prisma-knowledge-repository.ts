import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrismaClient } from '@weft/db';
import { KnowledgeError, type Chunk, type KnowledgeRepository } from '@weft/knowledge/spec';
import { uuidV7 } from '../runtime/uuid-v7';
import type { InvalidationBus } from '../services/contracts';
import type { ProgressChannel } from './progress-channel';

export interface PrismaKnowledgeRepositoryOptions {
  prisma: PrismaClient;
  bus: InvalidationBus;
  progress: ProgressChannel;
  /** Upload bytes live at `<dataDir>/<UploadFile.storageKey>`. */
  dataDir: string;
  /**
   * Awaited after each generation bump has been published: the run service's node cache invalidation, so when
   * `bumpGeneration` resolves no process serves a cached retrieval of the old content.
   */
  afterChange?: (knowledgeBaseId: string) => Promise<void>;
  /** Told the new generation right after it is committed (the keyword index notes its own changes). */
  onGeneration?: (knowledgeBaseId: string, generation: number) => void;
}

/** Segment metadata as stored: the chunk's role, so the keyword index can be rebuilt from rows. */
export interface StoredSegmentMetadata {
  role: Chunk['role'];
}

/** The ingestion pipeline's persistence over Prisma: document sources and progress, segments, generations. */
export function createPrismaKnowledgeRepository(options: PrismaKnowledgeRepositoryOptions): KnowledgeRepository {
  const { prisma, bus, progress, dataDir } = options;

  return {
    async loadSource(documentId) {
      const document = await prisma.document.findUnique({
        where: { id: documentId },
        select: { source: true, sourceText: true, uploadFile: { select: { storageKey: true } } },
      });
      if (document === null) throw new KnowledgeError('not_found', `Document "${documentId}" was deleted; nothing to ingest.`);
      if (document.source === 'text') return { text: document.sourceText ?? '' };
      if (document.uploadFile === null) {
        throw new KnowledgeError('not_found', `The uploaded file of document "${documentId}" is gone; delete the document and upload the file again.`);
      }
      try {
        return { bytes: new Uint8Array(await readFile(join(dataDir, document.uploadFile.storageKey))) };
      } catch (error) {
        throw new KnowledgeError(
          'not_found',
          `The uploaded file of document "${documentId}" is missing from the data directory (${document.uploadFile.storageKey}); delete the document and upload the file again.`,
          { cause: error },
        );
      }
    },

    async setProgress(report) {
      // updateMany: a document deleted while it was being ingested is not an error.
      await prisma.document.updateMany({
        where: { id: report.documentId },
        data: { status: report.status, progress: report.progress, error: report.error?.message ?? null, errorCode: report.error?.code ?? null },
      });
      await progress.publish(report);
    },

    async replaceSegments(documentId, knowledgeBaseId, chunks) {
      const ids = chunks.map(() => uuidV7());
      const idAt = new Map(chunks.map((chunk, index) => [chunk.position, ids[index]!]));
      const rows = chunks.map((chunk, index) => ({
        id: ids[index]!,
        documentId,
        knowledgeBaseId,
        position: chunk.position,
        content: chunk.content,
        tokens: chunk.tokens,
        parentId: chunk.parentPosition === undefined ? null : (idAt.get(chunk.parentPosition) ?? null),
        metadata: { role: chunk.role } satisfies StoredSegmentMetadata,
      }));
      const wordCount = chunks.filter((chunk) => chunk.role !== 'child').reduce((total, chunk) => total + chunk.tokens, 0);
      const chunkMode = chunks.some((chunk) => chunk.role === 'parent') ? 'parent_child' : 'general';
      // Only `tx` inside: on PGlite (one connection) a query through `prisma` here would wait for this transaction forever.
      await prisma.$transaction(async (tx) => {
        await tx.segment.deleteMany({ where: { documentId } });
        // Parents first, so children's parentId references rows that already exist.
        const parents = rows.filter((row) => row.parentId === null);
        const children = rows.filter((row) => row.parentId !== null);
        if (parents.length > 0) await tx.segment.createMany({ data: parents });
        if (children.length > 0) await tx.segment.createMany({ data: children });
        await tx.document.updateMany({ where: { id: documentId }, data: { wordCount, ...(chunks.length > 0 ? { chunkMode } : {}) } });
      });
      return ids;
    },

    async bumpGeneration(knowledgeBaseId) {
      const [bumped] = await prisma.knowledgeBase.updateManyAndReturn({
        where: { id: knowledgeBaseId },
        data: { generation: { increment: 1 } },
        select: { generation: true },
      });
      if (bumped !== undefined) options.onGeneration?.(knowledgeBaseId, bumped.generation);
      await bus.publish({ type: 'knowledge-base-changed', knowledgeBaseId });
      await options.afterChange?.(knowledgeBaseId);
    },
  };
}
