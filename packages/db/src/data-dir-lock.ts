import { open, readFile, unlink } from 'node:fs/promises';
import { DbError } from './db-error';

// Locks this process holds. A lock file naming our own pid that is not in here was left by an earlier process
// that had the same pid (a restarted container reuses pids), so it is stale.
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'; // exists, owned by someone else
  }
}

async function tryCreate(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * PGlite does not lock its data directory, and two instances on one directory corrupt it. This pid file makes a
 * second opener (another process, or the same one twice) fail clearly instead; a lock left by a dead process is
 * taken over. Returns the release function.
 */
export async function lockDataDir(lockPath: string, dataDir: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await tryCreate(lockPath)) {
      heldHere.add(lockPath);
      return async () => {
        heldHere.delete(lockPath);
        await unlink(lockPath).catch(() => undefined);
      };
    }
    const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
    const ownedByUs = owner === process.pid && heldHere.has(lockPath);
    if (ownedByUs || (owner !== process.pid && Number.isInteger(owner) && owner > 0 && isAlive(owner))) {
      const who = ownedByUs ? 'this process already' : `process ${owner}`;
      throw new DbError({
        code: 'pglite_open_failed',
        message:
          `The embedded database at ${dataDir} is in use by ${who}: PGlite allows one opener at a time. Stop the ` +
          'other weft process (or close the first Database), or use another dataDir.',
      });
    }
    await unlink(lockPath).catch(() => undefined); // stale: its process is gone
  }
  throw new DbError({
    code: 'pglite_open_failed',
    message: `Could not take the lock ${lockPath} for the embedded database; another weft process is starting. Try again.`,
  });
}
