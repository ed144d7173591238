import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import { DbError, describeCause } from './db-error';

export interface OpenedPglite {
  pglite: PGlite;
  /** Closes the database and releases the directory lock. */
  close(): Promise<void>;
}

export interface OpenPgliteOptions {
  /** PostgreSQL's shared_buffers (e.g. `32MB`): most of the embedded database's resident memory. */
  sharedBuffers: string;
}

/**
 * Opens the embedded database (in memory when `dir` is undefined) with pgvector loaded and enabled, so the
 * knowledge package can keep its vector table next to the Prisma tables. Takes the directory's lock: call it in
 * the process that will own the files.
 */
export async function openPglite(dir: string | undefined, options: OpenPgliteOptions): Promise<OpenedPglite> {
  const { PGlite, vector } = await loadPglite();
  let unlock: () => Promise<void> = async () => undefined;
  let pglite: PGlite;
  try {
    if (dir !== undefined) {
      await mkdir(dir, { recursive: true });
      unlock = await lockDataDir(`${dir}.lock`, dir);
    }
    const createOptions = {
      extensions: { vector },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers}`],
    };
    // WASM memory never shrinks: on a fresh directory, initdb's peak would stay resident for the life of the
    // process (a fresh child measured 650-730 MB that way, 410-470 MB this way), so it runs in a throw-away instance first.
    if (dir !== undefined && !existsSync(join(dir, 'PG_VERSION'))) await (await PGlite.create(dir, createOptions)).close();
    pglite = await PGlite.create(dir ?? 'memory://', createOptions);
    await pglite.exec('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (error) {
    await unlock();
    if (error instanceof DbError) throw error;
    throw new DbError({
      code: 'pglite_open_failed',
      message:
        `Could not open the embedded database at ${dir ?? 'memory://'} (${describeCause(error)}). If the folder ` +
        'is damaged, move it away to start empty, or set DATABASE_URL to use PostgreSQL.',
      cause: error,
    });
  }
  return {
    pglite,
    close: async () => {
      try {
        await pglite.close();
      } finally {
        await unlock();
      }
    },
  };
}

/** PGlite and pgvector on first open, not at module load: an API process whose database runs in a child never needs them. */
async function loadPglite() {
  try {
    const [{ PGlite }, { vector }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-pgvector')]);
    return { PGlite, vector };
  } catch (error) {
    throw new DbError({
      code: 'pglite_open_failed',
      message:
        `Could not load the embedded database (@electric-sql/pglite with pgvector: ${describeCause(error)}). ` +
        'Reinstall the dependencies (npm install), or set DATABASE_URL to use PostgreSQL.',
      cause: error,
    });
  }
}
