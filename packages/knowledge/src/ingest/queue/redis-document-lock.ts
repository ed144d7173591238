import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '@weft/workflow-engine/spec';

// Both act only while the key still holds our token, so a worker whose lease expired never touches another's.
const renewScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;
const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export interface DocumentLease {
  release(): Promise<void>;
}

export interface DocumentLocks {
  /** A lease on the document, renewed until released, or undefined when another worker holds it. */
  acquire(documentId: string): Promise<DocumentLease | undefined>;
}

export interface DocumentLocksOptions {
  redis: Redis;
  /** Key prefix, e.g. `weft:knowledge-ingest:`; the lock key is `<prefix>document-lock:<documentId>`. */
  prefix: string;
  /** A lease not renewed for this long (its worker died) frees the document (default 60 s). */
  ttlMs?: number;
  logger?: Logger;
}

/**
 * One lease per document across every process sharing the Redis: `SET NX PX` with a random token, renewed every
 * third of the TTL while the run goes on, released with compare-and-delete.
 */
export function createDocumentLocks(options: DocumentLocksOptions): DocumentLocks {
  const { redis, prefix, logger } = options;
  const ttlMs = options.ttlMs ?? 60_000;
  return {
    async acquire(documentId) {
      const key = `${prefix}document-lock:${documentId}`;
      const token = randomUUID();
      if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
      const renewal = setInterval(() => {
        redis.eval(renewScript, 1, key, token, ttlMs).then(
          (renewed) => renewed === 1 || logger?.warn('lost the lease on a document being ingested', { documentId }),
          (error: unknown) => logger?.warn('could not renew a document lease', { documentId, error: String(error) }),
        );
      }, Math.max(10, Math.floor(ttlMs / 3)));
      renewal.unref();
      return {
        async release() {
          clearInterval(renewal);
          await redis.eval(releaseScript, 1, key, token);
        },
      };
    },
  };
}
