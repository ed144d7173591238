import { createBenchOutput } from '@weft/testkit';

/** Timing helpers for the gateway benchmark. */

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? Number.NaN;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return { count: sorted.length, meanMs: total / sorted.length, p50Ms: at(0.5), p95Ms: at(0.95) };
}

/** Runs `count` calls with at most `concurrency` in flight and returns each call's latency in ms. */
export async function runConcurrent(count: number, concurrency: number, call: (index: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      await call(index);
      latencies.push(performance.now() - started);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return latencies;
}

/** Wall-clock time of one async piece of work, in ms. */
export async function timeIt(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** One `key=value` line on stdout (three decimals unless the call says otherwise); everything else goes to stderr. */
const output = createBenchOutput('gateway', { digits: 3 });
export const report = output.figure;
export const progress = output.progress;
