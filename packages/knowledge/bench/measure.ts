import { createBenchOutput } from '@weft/testkit';

/** Figures go to stdout as `key=value` (three decimals below 100, whole numbers above); progress to stderr. */
const output = createBenchOutput('knowledge', { format: (value) => String(roundTo(value)) });
export const report = output.figure;
export const progress = output.progress;

function roundTo(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}

export function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

/** Deterministic PRNG (mulberry32) so every run indexes and asks the same synthetic data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random direction, uniform on the sphere (normalised Gaussian components). */
export function randomUnitVector(random: () => number, dimensions: number): number[] {
  const vector = Array.from({ length: dimensions }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
  const length = Math.hypot(...vector);
  return vector.map((value) => value / length);
}
