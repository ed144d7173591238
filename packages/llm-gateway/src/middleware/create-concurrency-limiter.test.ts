import { describe, expect, it } from 'vitest';
import { GatewayError } from '../spec';
import { createConcurrencyLimiter } from './create-concurrency-limiter';

describe('createConcurrencyLimiter', () => {
  it('grants at most max slots and hands freed slots to waiters in FIFO order', async () => {
    const limiter = createConcurrencyLimiter(2);
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    const order: string[] = [];
    const third = limiter.acquire().then((release) => (order.push('third'), release));
    const fourth = limiter.acquire().then((release) => (order.push('fourth'), release));
    expect(limiter.inFlight).toBe(2);
    expect(limiter.queued).toBe(2);

    first();
    first(); // a second release of the same slot must not free another one
    const releaseThird = await third;
    expect(order).toEqual(['third']);
    expect(limiter.inFlight).toBe(2);
    second();
    const releaseFourth = await fourth;
    expect(order).toEqual(['third', 'fourth']);
    releaseThird();
    releaseFourth();
    expect(limiter.inFlight).toBe(0);
    expect(limiter.queued).toBe(0);
  });

  it('removes an aborted waiter from the queue and rejects it with the signal reason', async () => {
    const limiter = createConcurrencyLimiter(1);
    const held = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const after = limiter.acquire();
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    expect(limiter.queued).toBe(1);
    held();
    const release = await after;
    expect(limiter.inFlight).toBe(1);
    release();
    expect(limiter.inFlight).toBe(0);
  });

  it('rejects a non-positive maximum with invalid_config', () => {
    expect(() => createConcurrencyLimiter(0)).toThrow(GatewayError);
    expect(() => createConcurrencyLimiter(0)).toThrow(/maxConcurrency/);
  });
});
