import type { Redis } from 'ioredis';
import type { Logger } from '@weft/workflow-engine/spec';

export interface RunStopChannel {
  /** Asks every other process to stop the task (the one running it does). */
  publish(taskId: string, appId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Stop requests across API processes (server mode): a stop may reach a process other than the one streaming the
 * run, so it is published on `<prefix>run-stop` and every process aborts the run if it holds it.
 */
export function createRunStopChannel(options: {
  redis: Redis;
  subscriber: Redis;
  prefix: string;
  logger: Logger;
  onStop: (taskId: string, appId: string) => void;
}): RunStopChannel {
  const { redis, subscriber, logger, onStop } = options;
  const channel = `${options.prefix}run-stop`;
  const onMessage = (messageChannel: string, text: string) => {
    if (messageChannel !== channel) return;
    try {
      const { taskId, appId } = JSON.parse(text) as { taskId?: unknown; appId?: unknown };
      if (typeof taskId === 'string' && typeof appId === 'string') onStop(taskId, appId);
    } catch {
      logger.warn('ignored a malformed run-stop message', { channel });
    }
  };
  const subscribe = () => void subscriber.subscribe(channel).catch((error: unknown) => logger.warn('could not subscribe to run stops', { error }));
  subscriber.on('message', onMessage);
  subscriber.on('ready', subscribe);
  if (subscriber.status === 'ready') subscribe();
  return {
    async publish(taskId, appId) {
      await redis.publish(channel, JSON.stringify({ taskId, appId })).catch((error: unknown) => logger.warn('could not publish a run stop', { error }));
    },
    async close() {
      subscriber.off('message', onMessage);
      subscriber.off('ready', subscribe);
      await subscriber.unsubscribe(channel).catch(() => undefined);
    },
  };
}
