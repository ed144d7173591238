import { describe, expect, it } from 'vitest';
import { frameStats, percentile } from './frame-stats';

describe('frameStats', () => {
  it('uses nearest-rank percentiles over the sorted intervals', () => {
    const intervals = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile([...intervals].sort((a, b) => a - b), 0.95)).toBe(95);
    expect(frameStats(intervals)).toEqual({ frames: 100, p50: 50, p95: 95, max: 100, slowFrames: 82 });
  });

  it('counts frames slower than 60 Hz with a small allowance', () => {
    expect(frameStats([16.6, 16.8, 18.6, 18.8, 33.3])).toMatchObject({ frames: 5, p50: 18.6, p95: 33.3, slowFrames: 2 });
  });

  it('refuses an empty recording', () => {
    expect(() => frameStats([])).toThrow(/no frames/);
  });
});
