import { describe, expect, it } from 'vitest';
import { measureEngineOverhead } from '../../bench/engine-overhead';
import { createTestNodes } from './test-support/test-nodes';

describe('measureEngineOverhead (bench helper)', () => {
  it('measures microseconds per node on small graphs, far under the 20 µs budget even on a loaded machine', async () => {
    const { chainPerNodeUs, fanPerNodeUs } = await measureEngineOverhead(createTestNodes().registry, { chainLength: 100, fanWidth: 20 });
    for (const value of [chainPerNodeUs, fanPerNodeUs]) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(100);
    }
  });

  it('rejects a filler type the registry does not know, naming the problem', async () => {
    await expect(measureEngineOverhead(createTestNodes().registry, { nodeType: 'nope', chainLength: 2, fanWidth: 2 })).rejects.toThrow(/"nope", which is not registered/);
  });
});
