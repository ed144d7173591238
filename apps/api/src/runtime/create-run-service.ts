import type { Redis } from 'ioredis';
import type { PrismaClient } from '@weft/db';
import type { ChatMessage } from '@weft/llm-gateway/spec';
import { execute } from '@weft/workflow-engine/runtime';
import type { Clock, Logger, Retriever, RunEvent, RunLimits, RunResult } from '@weft/workflow-engine/spec';
import type { InvalidationBus, RunService, StartedRun, StartRunRequest } from '../services/contracts';
import type { SecretBox } from '../services/secret-box';
import { createAppDirectory, type AppDirectory, type AppRecord } from './app-directory';
import { buildRunTrace, toJson, type RunTraceContext } from './build-run-trace';
import { createConcurrencyGate } from './concurrency-gate';
import { createConversationCache, type ConversationCache, type ConversationState } from './conversation-cache';
import { createIdempotency } from './idempotency';
import { createNodeCache, type NodeCache } from './node-cache';
import { createPlanCache, type CompiledApp, type PlanCache } from './plan-cache';
import { createRunStopChannel, type RunStopChannel } from './run-stop-channel';
import { createTraceWriter } from './trace-writer';
import { uuidV7 } from './uuid-v7';
import { createWorkspaceModelsCache } from './workspace-models';

export interface RunServiceLimits {
  maxConcurrentRunsPerApp: number;
  /** Messages of a conversation given to `sys.history`. Default 20. */
  historyMessages?: number;
  /** The engine's per-run limits (steps, wall time, node timeout). */
  engine?: RunLimits;
}

export interface RunServiceDeps {
  prisma: PrismaClient;
  bus: InvalidationBus;
  secrets: SecretBox;
  /** Server mode: the node cache's L2, cross-process locks and invalidation, rate limits, stop requests. */
  redis?: Redis;
  /** Prefix of every Redis key and channel. Default `weft:`. */
  redisPrefix?: string;
  logger: Logger;
  clock?: Clock;
  limits: RunServiceLimits;
  /**
   * Knowledge retrieval (packages/knowledge) for a run of an app in `workspaceId`; without it knowledge-retrieval
   * nodes fail with retriever_unavailable.
   */
  retrieverFor?: (workspaceId: string) => Retriever;
  /** How long finished runs wait before their traces are written in one batch. Default 50 ms. */
  traceFlushIntervalMs?: number;
  /** Node cache tuning: L1 budget and the bound on one cache operation (default 50 ms). */
  nodeCache?: { maxBytes?: number; opTimeoutMs?: number };
}

/** `StartRunRequest` plus what the OpenAI-compatible endpoint needs. */
export interface RunRequest extends StartRunRequest {
  /** Prior turns supplied by the caller: the run stores no conversation, and `conversationId` is ignored. */
  history?: ChatMessage[];
}

/** A run in progress in this process. */
export interface ActiveRun {
  runId: string;
  appId: string;
  versionId: string | null;
  inputs: Record<string, unknown>;
  createdAt: number;
}

/** The run service plus the hot-path caches the REST layer shares. */
export interface WeftRunService extends RunService {
  start(request: RunRequest): Promise<StartedRun>;
  readonly directory: AppDirectory;
  readonly plans: PlanCache;
  readonly conversations: ConversationCache;
  readonly nodeCache: NodeCache;
  activeRun(runId: string): ActiveRun | undefined;
}

export function isWeftRunService(runs: RunService): runs is WeftRunService {
  return 'directory' in runs && 'plans' in runs && 'conversations' in runs;
}

interface Running extends ActiveRun {
  controller: AbortController;
}

/**
 * Starts published and draft runs. Everything a request needs that does not change per request (app, key,
 * compiled plan, provider config, conversation history) comes from memory after its first use and is dropped
 * by bus events; traces are written after the run, in batches.
 */
export async function createRunService(deps: RunServiceDeps): Promise<WeftRunService> {
  const { prisma, bus, secrets, redis, logger, limits } = deps;
  const redisPrefix = deps.redisPrefix ?? 'weft:';
  const clock = deps.clock;
  const now = clock ? () => clock.now() : Date.now;
  const subscriber = redis ? redis.duplicate({ lazyConnect: false, enableOfflineQueue: true }) : undefined;
  subscriber?.on('error', (error: Error) => logger.debug('run service subscriber error', { error }));

  const directory = createAppDirectory({ prisma, logger, now });
  const nodeCache = createNodeCache({ redis, subscriber, redisPrefix, logger, ...deps.nodeCache });
  const workspaceModels = createWorkspaceModelsCache({ prisma, secrets, redis, redisPrefix, logger });
  const plans = createPlanCache({ prisma, nodeCache, workspaceModels });
  const conversations = createConversationCache({ prisma, historyMessages: limits.historyMessages });
  const gate = createConcurrencyGate(limits.maxConcurrentRunsPerApp);
  const idempotency = createIdempotency({ prisma, now });
  const traces = createTraceWriter({ prisma, logger, flushIntervalMs: deps.traceFlushIntervalMs });
  const running = new Map<string, Running>();
  const tracesInFlight = new Set<Promise<void>>();

  const stopLocal = (taskId: string, appId: string): boolean => {
    const run = running.get(taskId);
    if (!run || run.appId !== appId) return false;
    run.controller.abort();
    return true;
  };
  const stops: RunStopChannel | undefined =
    redis && subscriber ? createRunStopChannel({ redis, subscriber, prefix: redisPrefix, logger, onStop: stopLocal }) : undefined;

  const unsubscribe = bus.subscribe((event) => {
    directory.invalidate(event);
    switch (event.type) {
      case 'app-published':
      case 'app-deleted':
        plans.invalidateApp(event.appId);
        return;
      case 'credentials-changed':
        workspaceModels.invalidate(event.workspaceId);
        plans.invalidateWorkspace(event.workspaceId);
        nodeCache.forgetWorkspace(event.workspaceId);
        return;
      case 'knowledge-base-changed':
        nodeCache.invalidateKnowledgeBase(event.knowledgeBaseId).catch((error: unknown) => {
          logger.error('could not invalidate cached results of a knowledge base', { knowledgeBaseId: event.knowledgeBaseId, error });
        });
        return;
      default:
        return;
    }
  });

  async function launch(app: AppRecord, compiled: CompiledApp, request: RunRequest, release: () => void): Promise<StartedRun> {
    const runId = uuidV7();
    const createdAt = now();
    const chat = app.mode === 'chatflow' && request.history === undefined;
    const conversation: ConversationState | undefined = chat
      ? await conversations.open(app.id, request.user, request.conversationId || undefined, request.inputs)
      : undefined;
    const inputs = conversation && !conversation.isNew && Object.keys(request.inputs).length === 0 ? conversation.inputs : request.inputs;
    const messageId = conversation ? uuidV7() : undefined;
    const query = request.query ?? '';
    const debuggerRun = request.source === 'debugger';
    let reserved = false;
    if (request.idempotencyKey !== undefined) {
      reserved = await idempotency.reserve({
        id: runId,
        appId: app.id,
        versionId: compiled.versionId,
        source: request.source,
        inputs: toJson(inputs),
        idempotencyKey: request.idempotencyKey,
        createdById: debuggerRun ? request.user : null,
        endUser: debuggerRun ? null : request.user,
        createdAt: new Date(createdAt),
      });
      if (!reserved) {
        // Another process took the key between our lookup and our insert: its run is the answer.
        release();
        const stored = await idempotency.findStored(app, request.idempotencyKey);
        if (stored) return stored;
        throw new Error('Idempotency-Key reservation failed but no run holds the key');
      }
    }

    const controller = new AbortController();
    const history = request.history ?? conversation?.history;
    const execution = execute(
      compiled.plan,
      {
        inputs,
        sys: {
          query,
          user_id: request.user,
          app_id: app.id,
          ...(conversation ? { conversation_id: conversation.id } : {}),
          ...(history ? { history: [...history] } : {}),
          ...(request.files ? { files: request.files } : {}),
        },
      },
      { models: compiled.models, retriever: deps.retrieverFor?.(app.workspaceId), clock, logger, signal: controller.signal, limits: limits.engine, runId },
    );
    running.set(runId, { runId, appId: app.id, versionId: compiled.versionId, inputs, createdAt, controller });

    const context: RunTraceContext = {
      runId,
      appId: app.id,
      versionId: compiled.versionId,
      source: request.source,
      user: request.user,
      inputs,
      createdAt,
      finishedAt: createdAt,
      idempotencyKey: request.idempotencyKey,
      reserved,
      ...(conversation && messageId
        ? {
            chat: {
              conversationId: conversation.id,
              messageId,
              query,
              ...(conversation.isNew ? { newConversation: { name: conversationName(query), inputs } } : {}),
            },
          }
        : {}),
    };
    // Registered before anyone else can await the result, so the next turn of this conversation sees this one.
    const finished = execution.result.then((result) => {
      release();
      running.delete(runId);
      if (conversation && result.status === 'succeeded') conversations.append(conversation.id, query, result.answer);
      context.finishedAt = now();
      return result;
    });
    // The trace is built after the answer has gone out: a macrotask later, so the caller's continuation (which sends
    // the response) runs first. flush() and close() wait for the traces of finished runs.
    void finished.then((result) => {
      const stored = new Promise<void>((resolve) => setImmediate(resolve)).then(() => storeTrace(context, execution, result, request));
      tracesInFlight.add(stored);
      void stored.finally(() => tracesInFlight.delete(stored));
    });

    return {
      runId,
      taskId: runId,
      appId: app.id,
      mode: app.mode,
      ...(conversation ? { conversationId: conversation.id } : {}),
      ...(messageId ? { messageId } : {}),
      createdAt,
      events: execution,
      result: finished,
      replayed: false,
    };
  }

  async function storeTrace(context: RunTraceContext, events: AsyncIterable<RunEvent>, result: RunResult, request: RunRequest): Promise<void> {
    try {
      const nodeEvents: Extract<RunEvent, { type: 'node-finished' }>[] = [];
      for await (const event of events) if (event.type === 'node-finished') nodeEvents.push(event);
      await traces.write(buildRunTrace(context, result, nodeEvents));
    } catch (error) {
      logger.error('could not build the trace of a run', { runId: context.runId, error });
    } finally {
      if (request.idempotencyKey !== undefined) idempotency.forget(context.appId, request.idempotencyKey);
    }
  }

  async function startFresh(app: AppRecord, request: RunRequest): Promise<StartedRun> {
    if (request.idempotencyKey !== undefined) {
      const stored = await idempotency.findStored(app, request.idempotencyKey);
      if (stored) return stored;
    }
    const compiled = request.target === 'draft' ? await plans.draft(app) : await plans.published(app);
    const release = gate.acquire(app.id);
    try {
      return await launch(app, compiled, request, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  let closing: Promise<void> | undefined;
  const service: WeftRunService = {
    directory,
    plans,
    conversations,
    nodeCache,
    async start(request) {
      const app = await directory.app(request.appId);
      const key = request.idempotencyKey;
      if (key === undefined) return startFresh(app, request);
      const earlier = idempotency.local(app.id, key);
      if (earlier) return { ...(await earlier), replayed: true };
      const started = startFresh(app, request);
      idempotency.remember(app.id, key, started);
      started.then(
        (run) => {
          if (run.replayed) idempotency.forget(app.id, key);
        },
        () => idempotency.forget(app.id, key),
      );
      return started;
    },
    async stop(taskId, appId) {
      if (stopLocal(taskId, appId)) return true;
      await stops?.publish(taskId, appId);
      return false;
    },
    activeRun(runId) {
      const run = running.get(runId);
      return run && { runId: run.runId, appId: run.appId, versionId: run.versionId, inputs: run.inputs, createdAt: run.createdAt };
    },
    async flush() {
      await Promise.allSettled([...tracesInFlight]);
      await traces.flush();
    },
    close() {
      closing ??= (async () => {
        unsubscribe();
        for (const run of running.values()) run.controller.abort();
        // Aborted runs settle synchronously; give their results a turn, then wait for every trace being built.
        await new Promise((resolve) => setImmediate(resolve));
        await Promise.allSettled([...tracesInFlight]);
        await traces.close();
        await directory.close();
        await stops?.close();
        await nodeCache.close();
        subscriber?.disconnect();
      })();
      return closing;
    },
  };
  return service;
}

/** Dify names a conversation after its first message; weft uses the query's start. */
function conversationName(query: string): string {
  const line = query.trim().split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line || 'New conversation';
}
