/** How a benchmark talks: figures as `key=value` lines on stdout (machine-readable), everything else on stderr. */
export interface BenchOutput {
  /** One figure a line; integers as they are, other numbers with `digits` decimals (or through the bench's format). */
  figure(key: string, value: number | string, digits?: number): void;
  progress(message: string): void;
}

export interface BenchOutputOptions {
  /** Decimals for non-integers (default 2); a call's own `digits` wins, and `format` replaces both when the call gives none. */
  digits?: number;
  format?: (value: number) => string;
}

/** `name` tags progress lines, e.g. `[bench:api] warming up`. */
export function createBenchOutput(name: string, options: BenchOutputOptions = {}): BenchOutput {
  const format = (value: number, digits: number | undefined) =>
    options.format && digits === undefined ? options.format(value) : value.toFixed(digits ?? options.digits ?? 2);
  return {
    figure(key, value, digits) {
      const text = typeof value === 'string' || Number.isInteger(value) ? String(value) : format(value, digits);
      process.stdout.write(`${key}=${text}\n`);
    },
    progress(message) {
      process.stderr.write(`[bench:${name}] ${message}\n`);
    },
  };
}
