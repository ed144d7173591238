import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CacheDependency, Logger } from '../../spec';
import { bounded } from '../bounded';
import { CacheError } from '../cache-error';
import { createLocalCoordinator, type CacheCoordinator } from '../cache-coordinator';
import { dependencyName, dependencyTag } from '../cache-key';
import type { CacheStore } from '../cache-store';

export interface CacheCoordinatorOptions {
  /** Command connection; without it (embedded mode) generations are in-process only. */
  redis?: Redis;
  /** A second connection, used only to subscribe. Required with `redis`. */
  subscriber?: Redis;
  prefix: string;
  /** This process's in-memory store: tagged entries are dropped from it on every invalidation. */
  l1: CacheStore;
  /** The shared store: stale entries are deleted from it by tag (cleanup; they are unreachable anyway). */
  l2?: CacheStore;
  /** How long this process trusts its generation cache after a heartbeat it sent came back. Default 250 ms. */
  leaseMs?: number;
  /** Upper bound per Redis operation. Default 50 ms. */
  opTimeoutMs?: number;
  logger?: Logger;
}

export interface RedisCacheCoordinator extends CacheCoordinator {
  /** Resolves once the subscription is confirmed (the local generation cache is trusted). */
  ready(): Promise<void>;
  /** True while the local generation cache may be used without asking Redis. */
  trusted(): boolean;
}

type ProcessMessage = { kind: 'heartbeat'; sentAt: number; epoch: number } | { kind: 'ack'; messageId: string };
interface InvalidationMessage {
  messageId: string;
  from: string;
  name: string;
  tag: string;
  generation: number;
}

/**
 * Generations and invalidation across processes. Why nothing stale is served once `invalidate` resolves:
 *
 * 1. `invalidate` INCRs the generation in Redis before anything else, so any generation read from Redis
 *    after that is the new one; entries are keyed by generation, so old entries become unreachable.
 * 2. A process answers from its local generation cache only while it holds a lease: it publishes a heartbeat
 *    (stamped with its monotonic send time) to its own channel every leaseMs/4, and the lease runs until
 *    `sentAt + leaseMs` of the last heartbeat that came back on its subscriber connection. Redis delivers
 *    messages to one subscriber connection in the order it executed the PUBLISHes, so a returned heartbeat
 *    proves every invalidation published before it was already received (and applied, synchronously, in
 *    the message handler). Without a lease, generations are read from Redis (bounded), and a failed read
 *    makes withCache run the node uncached.
 * 3. `invalidate` returns when every subscriber counted by PUBLISH has acknowledged (each acks after
 *    applying), or after leaseMs. In the second case any process that has not applied the message holds
 *    only a heartbeat Redis executed before the invalidation, sent earlier still, so its lease has expired by
 *    then (durations measured on monotonic clocks).
 * 4. A subscriber connection that drops may miss messages, so on `close` the local cache is cleared and
 *    the lease revoked; values read from Redis are cached only if the subscription was live (same epoch)
 *    from before the read until after it, and merged with `max` since generations only grow.
 * A lookup that is already under way when `invalidate` is called may still finish with the old generation;
 * that read is concurrent with the write, not after it. Generations must change only through `invalidate`:
 * a bare INCR of `{prefix}gen:*` is not announced, so leased processes would not see it.
 */
export function createCacheCoordinator(options: CacheCoordinatorOptions): RedisCacheCoordinator {
  const { redis, subscriber, prefix, l1, l2 } = options;
  if (!redis) {
    const local = createLocalCoordinator({ l1, l2 });
    return { ...local, ready: async () => undefined, trusted: () => true };
  }
  if (!subscriber || subscriber === redis) {
    throw new CacheError({
      code: 'cache_unavailable',
      message: 'createCacheCoordinator needs a second Redis connection as `subscriber` (a subscribed connection cannot run commands): create one more with createCacheRedisClient(url).',
    });
  }
  const commands: Redis = redis;
  const subscription: Redis = subscriber;
  const leaseMs = options.leaseMs ?? 250;
  const opTimeoutMs = options.opTimeoutMs ?? 50;
  const processId = randomUUID();
  const invalidateChannel = `${prefix}invalidate`;
  const processChannel = `${prefix}process:${processId}`;
  const generationKey = (name: string) => `${prefix}gen:${name}`;
  const now = () => performance.now();

  const generations = new Map<string, number>();
  const pendingAcks = new Map<string, { received: number; expected: number; wake: () => void }>();
  let epoch = 0;
  let subscribedEpoch = -1;
  let leaseUntil = 0;
  let closed = false;
  const readyWaiters: (() => void)[] = [];

  const trusted = () => subscribedEpoch === epoch && now() < leaseUntil;
  const remember = (name: string, generation: number) => generations.set(name, Math.max(generations.get(name) ?? 0, generation));
  const warn = (message: string, error: unknown) => options.logger?.warn(message, { error: error instanceof Error ? error.message : String(error) });

  function sendHeartbeat() {
    if (closed || subscribedEpoch !== epoch) return;
    const message: ProcessMessage = { kind: 'heartbeat', sentAt: now(), epoch };
    bounded(commands.publish(processChannel, JSON.stringify(message)), opTimeoutMs, 'heartbeat').catch(() => undefined);
  }

  function onProcessMessage(message: ProcessMessage) {
    if (message.kind === 'ack') {
      const pending = pendingAcks.get(message.messageId);
      if (pending && ++pending.received >= pending.expected) pending.wake();
      return;
    }
    if (message.epoch !== epoch) return;
    leaseUntil = Math.max(leaseUntil, message.sentAt + leaseMs);
    for (const wake of readyWaiters.splice(0)) wake();
  }

  function onInvalidation(message: InvalidationMessage) {
    // Applied synchronously, before the ack and before any later message on this connection.
    remember(message.name, message.generation);
    l1.deleteByTag(message.tag).catch((error: unknown) => warn('cache: dropping invalidated L1 entries failed', error));
    const ack: ProcessMessage = { kind: 'ack', messageId: message.messageId };
    bounded(commands.publish(`${prefix}process:${message.from}`, JSON.stringify(ack)), opTimeoutMs, 'ack').catch(() => undefined);
  }

  function onMessage(channel: string, text: string) {
    try {
      if (channel === invalidateChannel) onInvalidation(JSON.parse(text) as InvalidationMessage);
      else if (channel === processChannel) onProcessMessage(JSON.parse(text) as ProcessMessage);
    } catch (error) {
      warn(`cache: ignored a malformed message on ${channel}`, error);
    }
  }

  function subscribe() {
    if (closed) return;
    const subscribingEpoch = epoch;
    subscription.subscribe(invalidateChannel, processChannel).then(
      () => {
        if (subscribingEpoch !== epoch) return;
        subscribedEpoch = epoch;
        sendHeartbeat();
      },
      (error: unknown) => warn('cache: subscribing to invalidations failed; generations are read from Redis until it works', error),
    );
  }

  function onConnectionLost() {
    // Messages published while we were away are gone: forget everything learned before.
    epoch++;
    leaseUntil = 0;
    generations.clear();
  }

  subscriber.on('message', onMessage);
  subscriber.on('ready', subscribe);
  subscriber.on('close', onConnectionLost);
  if (subscriber.status === 'ready') subscribe();
  const heartbeat = setInterval(sendHeartbeat, Math.max(10, Math.floor(leaseMs / 4)));
  heartbeat.unref();

  async function readGeneration(name: string): Promise<number> {
    const startEpoch = epoch;
    const wasSubscribed = subscribedEpoch === startEpoch;
    const value = await bounded(commands.get(generationKey(name)), opTimeoutMs, 'generation lookup');
    const generation = value === null ? 0 : Number(value);
    if (wasSubscribed && subscribedEpoch === epoch && epoch === startEpoch) remember(name, generation);
    return Math.max(generation, generations.get(name) ?? 0);
  }

  /** Starts counting acks for a message; `expect` sets how many to wait for (bounded by leaseMs from then). */
  function collectAcks(messageId: string) {
    const pending = { received: 0, expected: Number.POSITIVE_INFINITY, wake: () => undefined as void };
    pendingAcks.set(messageId, pending);
    return {
      expect(receivers: number): Promise<number> {
        pending.expected = receivers;
        return new Promise((resolve) => {
          const finish = () => {
            clearTimeout(timer);
            pendingAcks.delete(messageId);
            resolve(Math.min(pending.received, receivers));
          };
          const timer = setTimeout(finish, leaseMs);
          pending.wake = finish;
          if (pending.received >= receivers) finish();
        });
      },
      cancel: () => pendingAcks.delete(messageId),
    };
  }

  async function command<T>(operation: Promise<T>, what: string): Promise<T> {
    try {
      return await bounded(operation, opTimeoutMs * 10, what);
    } catch (error) {
      throw new CacheError({
        code: 'cache_unavailable',
        message: `Cache invalidation could not ${what} in Redis, so other processes may still serve the old content: retry the invalidation once Redis answers (${error instanceof Error ? error.message : String(error)}).`,
        cause: error,
      });
    }
  }

  return {
    generation(scope, id) {
      const name = dependencyName({ scope, id });
      const known = generations.get(name);
      if (known !== undefined && trusted()) return known;
      return readGeneration(name);
    },
    async invalidate({ knowledgeBaseId }) {
      const dependency: CacheDependency = { scope: 'knowledge-base', id: knowledgeBaseId };
      const name = dependencyName(dependency);
      const tag = dependencyTag(dependency);
      const generation = await command(commands.incr(generationKey(name)), 'bump the generation');
      remember(name, generation);
      await l1.deleteByTag(tag);
      const messageId = randomUUID();
      const message: InvalidationMessage = { messageId, from: processId, name, tag, generation };
      // Count acks before publishing: a fast subscriber may ack before PUBLISH has even returned.
      const acks = collectAcks(messageId);
      let receivers: number;
      try {
        receivers = await command(commands.publish(invalidateChannel, JSON.stringify(message)), 'publish the invalidation');
      } catch (error) {
        acks.cancel();
        throw error;
      }
      const deleted = l2 ? l2.deleteByTag(tag).catch((error: unknown) => (warn('cache: deleting invalidated L2 entries failed', error), 0)) : 0;
      const acknowledged = await acks.expect(receivers);
      return { knowledgeBaseId, generation, acknowledged, receivers, deleted: await deleted };
    },
    ready() {
      if (trusted()) return Promise.resolve();
      return new Promise((resolve) => readyWaiters.push(resolve));
    },
    trusted,
    async close() {
      closed = true;
      clearInterval(heartbeat);
      subscriber.off('message', onMessage);
      subscriber.off('ready', subscribe);
      subscriber.off('close', onConnectionLost);
      for (const wake of readyWaiters.splice(0)) wake();
      await subscriber.unsubscribe(invalidateChannel, processChannel).catch(() => undefined);
    },
  };
}
