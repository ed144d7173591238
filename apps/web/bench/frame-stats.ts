/** Summary of frame intervals (ms between consecutive requestAnimationFrame callbacks). */
export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Intervals longer than one 60 Hz frame (16.7 ms) plus a 2 ms scheduling allowance. */
  slowFrames: number;
}

/** Nearest-rank percentile of ascending `sorted` values; `fraction` in (0, 1]. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) throw new Error('percentile: no values (the page recorded no frames).');
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function frameStats(intervals: readonly number[]): FrameStats {
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    frames: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted.at(-1) ?? Number.NaN,
    slowFrames: sorted.filter((interval) => interval > 1000 / 60 + 2).length,
  };
}
