import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '@weft/workflow-engine/spec';
import { z } from 'zod';
import type { InvalidationBus, InvalidationEvent } from './contracts';

const invalidationEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('app-published'), appId: z.string() }),
  z.object({ type: z.literal('app-updated'), appId: z.string() }),
  z.object({ type: z.literal('app-deleted'), appId: z.string() }),
  z.object({ type: z.literal('api-key-revoked'), apiKeyId: z.string(), keyHash: z.string() }),
  z.object({ type: z.literal('credentials-changed'), workspaceId: z.string() }),
  z.object({ type: z.literal('knowledge-base-changed'), knowledgeBaseId: z.string() }),
]);

const envelopeSchema = z.object({ origin: z.string(), event: invalidationEventSchema });

export interface InvalidationBusOptions {
  /** Absent → in-process only (embedded mode). The bus never quits this client; it opens its own subscriber. */
  redis?: Redis;
  /** Key/channel prefix, e.g. `weft:`; the channel is `<prefix>invalidate`. */
  prefix: string;
  logger?: Logger;
  /** Longest wait for Redis at subscribe and publish before carrying on locally (default 2 s). */
  redisTimeoutMs?: number;
}

/**
 * In-process fan-out, plus Redis pub/sub when given a client. Local handlers run synchronously inside `publish`;
 * messages coming back from Redis with this bus's own origin are dropped, so every process (this one included)
 * sees each event exactly once. When Redis is down, publishing still reaches local handlers and is logged.
 */
export async function createInvalidationBus(options: InvalidationBusOptions): Promise<InvalidationBus> {
  const { redis, prefix, logger } = options;
  const timeoutMs = options.redisTimeoutMs ?? 2_000;
  const handlers = new Set<(event: InvalidationEvent) => void>();
  const origin = randomUUID();
  const channel = `${prefix}invalidate`;
  let closed = false;

  const deliver = (event: InvalidationEvent): void => {
    for (const handler of handlers) {
      try {
        handler(event);
      } catch (error) {
        logger?.error('invalidation handler failed', { event, error });
      }
    }
  };

  let subscriber: Redis | undefined;
  if (redis) {
    // A connection in subscriber mode can do nothing else, so the bus owns a dedicated one. The offline queue
    // keeps SUBSCRIBE pending across reconnects; ioredis re-subscribes after each reconnect.
    subscriber = redis.duplicate({ enableOfflineQueue: true, lazyConnect: false });
    subscriber.on('error', (error: Error) => logger?.debug('invalidation subscriber error', { error }));
    subscriber.on('message', (messageChannel: string, message: string) => {
      if (messageChannel !== channel) return;
      const envelope = parseEnvelope(message);
      if (!envelope) {
        logger?.warn('ignored a malformed invalidation message', { channel, message: message.slice(0, 200) });
        return;
      }
      if (envelope.origin !== origin) deliver(envelope.event);
    });
    try {
      await withTimeout(subscriber.subscribe(channel), timeoutMs, `subscribing to ${channel}`);
    } catch (error) {
      logger?.warn('invalidation bus is local-only until Redis answers', { channel, error });
    }
  }

  return {
    async publish(event) {
      deliver(event);
      if (!redis || closed) return;
      try {
        await withTimeout(redis.publish(channel, JSON.stringify({ origin, event })), timeoutMs, `publishing to ${channel}`);
      } catch (error) {
        logger?.error('invalidation not sent to other processes: they may serve stale data until their caches expire', {
          event,
          error,
        });
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      if (!subscriber) return;
      if (subscriber.status === 'ready') {
        await subscriber.quit().catch(() => subscriber?.disconnect());
      } else {
        subscriber.disconnect();
      }
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

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms while ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
