import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { documentStatuses, type IngestProgress } from '@weft/knowledge/spec';
import type { Logger } from '@weft/workflow-engine/spec';

const progressSchema = z.object({
  documentId: z.string(),
  knowledgeBaseId: z.string(),
  status: z.enum(documentStatuses),
  progress: z.number(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
const envelopeSchema = z.object({ origin: z.string(), progress: progressSchema });

/** Document progress fan-out: in-process, plus Redis pub/sub in server mode so every API process's subscribers see it. */
export interface ProgressChannel {
  /** Local subscribers get it synchronously; other processes through Redis (best effort: the database row is the truth). */
  publish(progress: IngestProgress): Promise<void>;
  /** Every progress report of the knowledge base's documents from now on, until `signal` aborts or the consumer returns. */
  watch(knowledgeBaseId: string, signal?: AbortSignal): AsyncGenerator<IngestProgress>;
  close(): Promise<void>;
}

export interface ProgressChannelOptions {
  /** Absent → in-process only. The channel opens its own subscriber connection and never quits this client. */
  redis?: Redis;
  prefix: string;
  logger: Logger;
}

export async function createProgressChannel(options: ProgressChannelOptions): Promise<ProgressChannel> {
  const { redis, logger } = options;
  const channel = `${options.prefix}knowledge-progress`;
  const origin = randomUUID();
  const listeners = new Map<string, Set<(progress: IngestProgress) => void>>();
  /** Wakes every waiting `watch` (on close), so its generator ends. */
  const wakers = new Set<() => void>();
  let closed = false;

  const deliver = (progress: IngestProgress): void => {
    for (const listener of listeners.get(progress.knowledgeBaseId) ?? []) listener(progress);
  };

  let subscriber: Redis | undefined;
  if (redis) {
    subscriber = redis.duplicate({ enableOfflineQueue: true, lazyConnect: false });
    subscriber.on('error', (error: Error) => logger.debug('knowledge progress subscriber error', { error }));
    subscriber.on('message', (messageChannel: string, message: string) => {
      if (messageChannel !== channel) return;
      const envelope = parseEnvelope(message);
      if (envelope === undefined) logger.warn('ignored a malformed knowledge progress message', { message: message.slice(0, 200) });
      else if (envelope.origin !== origin) deliver(envelope.progress);
    });
    await subscriber.subscribe(channel).catch((error: unknown) => logger.warn('knowledge progress is local-only until Redis answers', { error }));
  }

  async function* watch(knowledgeBaseId: string, signal?: AbortSignal): AsyncGenerator<IngestProgress> {
    const queue: IngestProgress[] = [];
    let wake: (() => void) | undefined;
    const listener = (progress: IngestProgress) => {
      queue.push(progress);
      wake?.();
    };
    const onAbort = () => wake?.();
    wakers.add(onAbort);
    const set = listeners.get(knowledgeBaseId) ?? new Set();
    set.add(listener);
    listeners.set(knowledgeBaseId, set);
    signal?.addEventListener('abort', onAbort);
    try {
      while (!closed && signal?.aborted !== true) {
        const next = queue.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      wakers.delete(onAbort);
      set.delete(listener);
      if (set.size === 0) listeners.delete(knowledgeBaseId);
    }
  }

  return {
    async publish(progress) {
      deliver(progress);
      if (!redis || closed) return;
      await redis.publish(channel, JSON.stringify({ origin, progress })).catch((error: unknown) => {
        logger.warn('knowledge progress not sent to other processes', { documentId: progress.documentId, error });
      });
    },
    watch,
    async close() {
      if (closed) return;
      closed = true;
      for (const wakeUp of [...wakers]) wakeUp();
      listeners.clear();
      if (subscriber?.status === 'ready') await subscriber.quit().catch(() => subscriber?.disconnect());
      else subscriber?.disconnect();
    },
  };
}

function parseEnvelope(message: string): z.infer<typeof envelopeSchema> | undefined {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
