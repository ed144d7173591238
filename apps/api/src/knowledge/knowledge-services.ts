import type { Redis } from 'ioredis';
import type { PrismaClient } from '@weft/db';
import { createKnowledgeRetriever, type IngestionPipeline, type KnowledgeRetriever } from '@weft/knowledge';
import type { IngestJob, IngestQueue, KnowledgeRepository, SqlExecutor, VectorStore } from '@weft/knowledge/spec';
import type { Logger } from '@weft/workflow-engine/spec';
import type { Env } from '../env';
import { createWorkspaceModelsCache, type WorkspaceModelsCache } from '../runtime/workspace-models';
import type { InvalidationBus } from '../services/contracts';
import type { SecretBox } from '../services/secret-box';
import { createKnowledgeBaseDirectory, type KnowledgeBaseDirectory } from './knowledge-base-directory';
import { openIngestQueue } from './open-ingest-queue';
import { openVectorStore, type OpenedVectorStore } from './open-vector-store';
import { createPrismaKnowledgeRepository } from './prisma-knowledge-repository';
import { createProgressChannel, type ProgressChannel } from './progress-channel';
import { createStoredKeywordIndex, type StoredKeywordIndex } from './stored-keyword-index';
import { createWorkspacePipelines } from './workspace-pipelines';

/** Knowledge bases as this process runs them: stores, ingestion, retrieval, progress. */
export interface KnowledgeServices {
  repository: KnowledgeRepository;
  vectorStore: VectorStore;
  vectorStoreKind: OpenedVectorStore['kind'];
  keywordIndex: StoredKeywordIndex;
  knowledgeBases: KnowledgeBaseDirectory;
  workspaceModels: WorkspaceModelsCache;
  /** Routes each call to the knowledge base's workspace pipeline. */
  pipeline: IngestionPipeline;
  queue: IngestQueue;
  /** Records the document as queued and queues its ingestion. */
  enqueue(job: IngestJob): Promise<void>;
  /** The engine's retriever (and the retrieval test's detailed answer). */
  retriever: KnowledgeRetriever;
  progress: ProgressChannel;
  /**
   * Set once the run service exists: awaited after each knowledge change is announced, so a change is not
   * reported done while a cached retrieval of the old content can still be served.
   */
  setCacheInvalidation(invalidate: (knowledgeBaseId: string) => Promise<void>): void;
  close(): Promise<void>;
}

export interface KnowledgeServicesDeps {
  env: Env;
  prisma: PrismaClient;
  /** The embedded database's SQL session (`database.embeddedSql`), whose pgvector holds the vectors when DATABASE_URL is unset. */
  embeddedSql?: SqlExecutor;
  bus: InvalidationBus;
  redis?: Redis;
  redisPrefix: string;
  secrets: SecretBox;
  logger: Logger;
  dataDir: string;
}

export async function createKnowledgeServices(deps: KnowledgeServicesDeps): Promise<KnowledgeServices> {
  const { env, prisma, bus, redis, redisPrefix, logger, dataDir } = deps;
  const opened = await openVectorStore({ env, embeddedSql: deps.embeddedSql, dataDir, logger });
  logger.info('knowledge vectors', { store: opened.kind, where: opened.where });
  const cleanups: Array<() => Promise<void>> = [() => opened.store.close()];
  try {
    const progress = await createProgressChannel({ redis, prefix: redisPrefix, logger });
    cleanups.push(() => progress.close());
    const keywordIndex = createStoredKeywordIndex(prisma);
    const knowledgeBases = createKnowledgeBaseDirectory(prisma);
    const workspaceModels = createWorkspaceModelsCache({ prisma, secrets: deps.secrets, redis, redisPrefix, logger });
    let invalidateCache: ((knowledgeBaseId: string) => Promise<void>) | undefined;
    const repository = createPrismaKnowledgeRepository({
      prisma,
      bus,
      progress,
      dataDir,
      // The change is committed and announced; a cache that cannot be reached now (Redis down, or the run service
      // already closed at shutdown) must not fail the document, so this is logged rather than thrown.
      afterChange: async (id) =>
        invalidateCache?.(id).catch((error: unknown) =>
          logger.error('cached retrievals of a changed knowledge base could not be invalidated; they expire with their TTL', { knowledgeBaseId: id, error }),
        ),
      onGeneration: (id, generation) => keywordIndex.noteOwnChange(id, generation),
    });
    const unsubscribe = bus.subscribe((event) => {
      if (event.type === 'credentials-changed') workspaceModels.invalidate(event.workspaceId);
      if (event.type !== 'knowledge-base-changed') return;
      // The keyword index follows generations on its own; the directory may hold a replaced embedding model.
      knowledgeBases.forget(event.knowledgeBaseId);
    });
    cleanups.push(async () => unsubscribe());

    const vectorStore = opened.store;
    const pipeline = createWorkspacePipelines({ repository, vectorStore, keywordIndex, workspaceModels, knowledgeBases, logger, maxBytes: env.WEFT_MAX_UPLOAD_BYTES });
    const queue = await openIngestQueue({ pipeline, prisma, logger, redis, redisUrl: env.REDIS_URL, redisPrefix, runWorker: env.WEFT_INGEST_WORKER === 'on' });
    cleanups.push(() => queue.close());

    const retriever = createKnowledgeRetriever({
      vectorStore,
      keywordIndex,
      logger,
      embeddingModelOf: async (knowledgeBaseId) => {
        const entry = await knowledgeBases.get(knowledgeBaseId);
        return `${entry.workspaceId}/${entry.embeddingModel}`;
      },
      embedQuery: async (knowledgeBaseId, text, signal) => {
        const entry = await knowledgeBases.get(knowledgeBaseId);
        const { models } = await workspaceModels.get(entry.workspaceId);
        const { embeddings } = await models.embeddingModel(entry.embeddingModel).doEmbed([text], signal === undefined ? {} : { signal });
        return embeddings[0] ?? [];
      },
    });

    let closing: Promise<void> | undefined;
    return {
      repository,
      vectorStore,
      vectorStoreKind: opened.kind,
      keywordIndex,
      knowledgeBases,
      workspaceModels,
      pipeline,
      queue,
      enqueue: (job) => queue.enqueue(job),
      retriever,
      progress,
      setCacheInvalidation(invalidate) {
        invalidateCache = invalidate;
      },
      close: () =>
        (closing ??= (async () => {
          for (const cleanup of cleanups.splice(0).reverse()) {
            await cleanup().catch((error: unknown) => logger.error('error while closing knowledge services', { error }));
          }
        })()),
    };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw error;
  }
}
