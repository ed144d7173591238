import type { PrismaClient } from '@weft/db';
import type { Logger } from '@weft/workflow-engine/spec';
import { AppError } from '../errors';
import type { InvalidationEvent } from '../services/contracts';
import { hashApiKey } from './hash-api-key';

/** What the hot path needs to know about an app; changes only through events the directory listens to. */
export interface AppRecord {
  id: string;
  workspaceId: string;
  mode: 'workflow' | 'chatflow';
  name: string;
  description: string;
  icon: string;
  iconBackground: string;
}

export interface AuthenticatedKey {
  apiKeyId: string;
  app: AppRecord;
}

export interface AppDirectory {
  /** The app, from memory after the first lookup; AppError `app_not_found` when it does not exist. */
  app(appId: string): Promise<AppRecord>;
  /** The app a Bearer key opens; AppError `unauthorized` when the key is unknown or revoked. */
  authenticate(key: string): Promise<AuthenticatedKey>;
  /** Drops whatever the event makes stale. */
  invalidate(event: InvalidationEvent): void;
  /** Writes pending `lastUsedAt` stamps (they are batched, at most one write per flush). */
  flushLastUsed(): Promise<void>;
  close(): Promise<void>;
}

export interface AppDirectoryOptions {
  prisma: PrismaClient;
  logger: Logger;
  now?: () => number;
  /** How often `lastUsedAt` stamps are written. Default 30 s. */
  lastUsedFlushMs?: number;
  /** How long an unknown key is remembered as unknown (keys are random, so this only absorbs hammering). */
  negativeTtlMs?: number;
}

const appSelect = { id: true, workspaceId: true, mode: true, name: true, description: true, icon: true, iconBackground: true } as const;
const maxNegativeEntries = 10_000;
const unauthorizedMessage =
  'Invalid or missing API key. Send "Authorization: Bearer app-…" with a key of this app (create one in the app\'s API access page); revoked keys stop working at once.';

/**
 * In-memory app records and API keys (by hash) with single-flight loads, so a published-app request reads the
 * database only on the first use of a key or app. Revocations, publishes and deletions arrive as bus events.
 */
export function createAppDirectory(options: AppDirectoryOptions): AppDirectory {
  const { prisma, logger } = options;
  const now = options.now ?? Date.now;
  const negativeTtlMs = options.negativeTtlMs ?? 60_000;
  const apps = new Map<string, AppRecord>();
  const keys = new Map<string, AuthenticatedKey>();
  const unknownKeys = new Map<string, number>();
  const loadingApps = new Map<string, Promise<AppRecord>>();
  const loadingKeys = new Map<string, Promise<AuthenticatedKey | undefined>>();
  const usedKeyIds = new Set<string>();
  let generation = 0;
  let flushing: Promise<void> = Promise.resolve();

  async function loadApp(appId: string): Promise<AppRecord> {
    const startedAt = generation;
    const row = await prisma.app.findUnique({ where: { id: appId }, select: appSelect });
    if (!row) throw new AppError('app_not_found', `App "${appId}" does not exist (it may have been deleted). Check the app id.`);
    // An invalidation during the read may have made the row stale: use it for this request, but don't keep it.
    if (startedAt === generation) apps.set(appId, row);
    return row;
  }

  async function loadKey(hash: string): Promise<AuthenticatedKey | undefined> {
    const startedAt = generation;
    const row = await prisma.apiKey.findUnique({ where: { keyHash: hash }, select: { id: true, revokedAt: true, app: { select: appSelect } } });
    if (!row || row.revokedAt !== null) {
      if (startedAt === generation) rememberUnknown(hash);
      return undefined;
    }
    const entry: AuthenticatedKey = { apiKeyId: row.id, app: apps.get(row.app.id) ?? row.app };
    if (startedAt === generation) {
      keys.set(hash, entry);
      apps.set(row.app.id, entry.app);
    }
    return entry;
  }

  function rememberUnknown(hash: string): void {
    if (unknownKeys.size >= maxNegativeEntries) unknownKeys.delete(unknownKeys.keys().next().value!);
    unknownKeys.set(hash, now() + negativeTtlMs);
  }

  function singleFlight<T>(inFlight: Map<string, Promise<T>>, id: string, load: (id: string) => Promise<T>): Promise<T> {
    let pending = inFlight.get(id);
    if (!pending) {
      pending = load(id).finally(() => inFlight.delete(id));
      inFlight.set(id, pending);
    }
    return pending;
  }

  async function writeLastUsed(): Promise<void> {
    if (usedKeyIds.size === 0) return;
    const ids = [...usedKeyIds];
    usedKeyIds.clear();
    try {
      await prisma.apiKey.updateMany({ where: { id: { in: ids } }, data: { lastUsedAt: new Date(now()) } });
    } catch (error) {
      logger.warn('could not record API key use; will retry with the next flush', { error, keys: ids.length });
      for (const id of ids) usedKeyIds.add(id);
    }
  }

  const timer = setInterval(() => void directory.flushLastUsed(), options.lastUsedFlushMs ?? 30_000);
  timer.unref();

  const directory: AppDirectory = {
    app(appId) {
      const cached = apps.get(appId);
      return cached ? Promise.resolve(cached) : singleFlight(loadingApps, appId, loadApp);
    },
    async authenticate(key) {
      const hash = hashApiKey(key);
      let entry = keys.get(hash);
      if (!entry) {
        const unknownUntil = unknownKeys.get(hash);
        if (unknownUntil !== undefined && unknownUntil > now()) throw new AppError('unauthorized', unauthorizedMessage);
        entry = await singleFlight(loadingKeys, hash, loadKey);
        if (!entry) throw new AppError('unauthorized', unauthorizedMessage);
      }
      usedKeyIds.add(entry.apiKeyId);
      return entry;
    },
    invalidate(event) {
      generation++;
      switch (event.type) {
        case 'api-key-revoked':
          keys.delete(event.keyHash);
          for (const [hash, entry] of keys) if (entry.apiKeyId === event.apiKeyId) keys.delete(hash);
          return;
        case 'app-published':
        case 'app-updated':
        case 'app-deleted':
          apps.delete(event.appId);
          for (const [hash, entry] of keys) if (entry.app.id === event.appId) keys.delete(hash);
          return;
        default:
          return;
      }
    },
    flushLastUsed() {
      flushing = flushing.then(writeLastUsed);
      return flushing;
    },
    async close() {
      clearInterval(timer);
      await directory.flushLastUsed();
      apps.clear();
      keys.clear();
      unknownKeys.clear();
    },
  };
  return directory;
}
