import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis URL tests use: REDIS_URL, or the local default port. */
export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A prefix unique to this test process, so parallel runs never share keys or channels. */
export function uniqueTestPrefix(label: string): string {
  return `weft-test:${label}:${process.pid}:${randomUUID().slice(0, 8)}:`;
}

export interface ServiceProbe {
  ok: boolean;
  reason: string;
}

/**
 * Checks that Redis answers PING. Outside CI an unreachable Redis is reported loudly and the caller skips;
 * with `CI` set it throws, so CI can never go green by skipping.
 */
export async function probeRedis(url = testRedisUrl()): Promise<ServiceProbe> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1500,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  let probe: ServiceProbe;
  try {
    await client.connect();
    const pong = await client.ping();
    probe = { ok: pong === 'PONG', reason: pong === 'PONG' ? '' : `unexpected PING reply ${pong}` };
  } catch (error) {
    probe = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    client.disconnect();
  }
  return reportProbe('Redis', url, probe);
}

/** Passes a healthy probe through; otherwise warns loudly and lets the caller skip, or throws when CI is set. */
export function reportProbe(service: string, url: string, probe: ServiceProbe): ServiceProbe {
  if (probe.ok) return probe;
  const message = `${service} at ${url} is unreachable (${probe.reason}).`;
  if (process.env.CI) {
    throw new Error(`${message} CI is set, so tests that need ${service} fail instead of skipping. Start it (see README).`);
  }
  console.warn(`\n!!!!!!!! SKIPPING ${service} TESTS: ${message} Start ${service} to run them. !!!!!!!!\n`);
  return probe;
}
