import { isUniqueViolation, type Prisma, type PrismaClient } from '@weft/db';
import { AppError } from '../errors';
import type { StartedRun } from '../services/contracts';
import type { AppRecord } from './app-directory';
import { readStoredRun, replayStoredRun } from './stored-run';

export interface Idempotency {
  /** The run a key already started in this process (it may still be starting). */
  local(appId: string, key: string): Promise<StartedRun> | undefined;
  remember(appId: string, key: string, started: Promise<StartedRun>): void;
  forget(appId: string, key: string): void;
  /**
   * The stored run of a key within the window, replayed; waits for it while another process runs it.
   * Undefined when the key is free (a key older than the window is released).
   */
  findStored(app: AppRecord, key: string): Promise<StartedRun | undefined>;
  /** Inserts the run row that holds the key; false when another request holds it already. */
  reserve(row: Prisma.RunCreateManyInput): Promise<boolean>;
}

export interface IdempotencyOptions {
  prisma: PrismaClient;
  /** How long a key keeps pointing at its run. Default 24 h. */
  windowMs?: number;
  /** How long to wait for a run another process is running. Default 10 minutes (the engine's run limit). */
  waitMs?: number;
  pollMs?: number;
  now?: () => number;
}

/**
 * Idempotency-Key handling: in-process attach through a map of promises (so even two requests racing inside the
 * first one's start share one run), across processes through the unique (appId, idempotencyKey) on runs.
 */
export function createIdempotency(options: IdempotencyOptions): Idempotency {
  const { prisma } = options;
  const windowMs = options.windowMs ?? 24 * 3_600_000;
  const waitMs = options.waitMs ?? 10 * 60_000;
  const pollMs = options.pollMs ?? 100;
  const now = options.now ?? Date.now;
  const inFlight = new Map<string, Promise<StartedRun>>();
  const mapKey = (appId: string, key: string) => `${appId}\u0000${key}`;

  async function findStored(app: AppRecord, key: string): Promise<StartedRun | undefined> {
    const deadline = now() + waitMs;
    for (;;) {
      const row = await prisma.run.findUnique({
        where: { appId_idempotencyKey: { appId: app.id, idempotencyKey: key } },
        select: { id: true, status: true, createdAt: true },
      });
      if (!row) return undefined;
      if (row.createdAt.getTime() < now() - windowMs) {
        // Past the window the key is free again: detach it from the old run so the unique index lets a new one in.
        await prisma.run.updateMany({ where: { id: row.id, idempotencyKey: key }, data: { idempotencyKey: null } });
        return undefined;
      }
      if (row.status !== 'running') {
        const stored = await readStoredRun(prisma, row.id);
        if (stored) return replayStoredRun(app, stored);
      }
      if (now() >= deadline) {
        throw new AppError(
          'conflict',
          `A run with this Idempotency-Key (${row.id}, started ${row.createdAt.toISOString()}) is still running. Retry later for its result, or send a new key to start another run.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  return {
    local: (appId, key) => inFlight.get(mapKey(appId, key)),
    remember: (appId, key, started) => void inFlight.set(mapKey(appId, key), started),
    forget: (appId, key) => void inFlight.delete(mapKey(appId, key)),
    findStored,
    async reserve(row) {
      try {
        await prisma.run.create({ data: row, select: { id: true } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error, ['appId', 'idempotencyKey'])) return false;
        throw error;
      }
    },
  };
}
